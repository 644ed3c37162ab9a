import { describe, expect, it } from 'vitest';
import type { WorkflowDocument } from '../engine/dsl/workflow-document.js';
import { LISTENER_TTL_MS } from './listener-lifetime.js';
import type { ListenerMessage, NewListener } from './listener-registry.js';
import { LocalListenerRegistry } from './local-listener-registry.js';

function setup() {
  let now = 1_000_000;
  const registry = new LocalListenerRegistry({ clock: { now: () => now } });
  const listener: NewListener = {
    workspaceId: 'ws-1',
    workflowId: 'wf-1',
    createdBy: 'member-1',
    document: {} as WorkflowDocument,
    targets: [{ kind: 'schedule', nodeId: 'n1' }],
  };
  return { registry, listener, advance: (ms: number) => (now += ms) };
}

/** The `result` message of a run that succeeded. */
const succeeded = (runId: string): ListenerMessage => ({
  type: 'result',
  runId,
  status: 'succeeded',
  outputs: {},
  error: null,
});

describe('LocalListenerRegistry', () => {
  it('captures a waiting listener once', () => {
    const { registry, listener } = setup();
    const opened = registry.open(listener);
    expect(registry.capture(opened.id, 'run-1')).toBe(true);
    expect(registry.capture(opened.id, 'run-2')).toBe(false);
    expect(registry.listenerOfRun('run-1')).toBe(opened.id);
    expect(registry.waiting()).toEqual([]);
  });

  it('expires a waiting listener after its time to live unless renewed', () => {
    const { registry, listener, advance } = setup();
    const kept = registry.open(listener);
    const dropped = registry.open(listener);
    const messages: ListenerMessage[] = [];
    registry.subscribe(dropped.id, (message) => messages.push(message));
    advance(LISTENER_TTL_MS - 1);
    registry.renew(kept.id);
    advance(1);
    expect(registry.waiting().map((entry) => entry.id)).toEqual([kept.id]);
    expect(messages).toEqual([{ type: 'expired' }]);
    expect(registry.get('ws-1', dropped.id)).toBeUndefined();
  });

  it('keeps a captured listener past its time to live until its result', () => {
    const { registry, listener, advance } = setup();
    const opened = registry.open(listener);
    registry.capture(opened.id, 'run-1');
    advance(LISTENER_TTL_MS * 2);
    expect(registry.get('ws-1', opened.id)?.state).toBe('captured');
    registry.publish(opened.id, succeeded('run-1'));
    expect(registry.get('ws-1', opened.id)).toBeUndefined();
  });

  it('cancel ends a waiting listener with cancelled: it captures nothing afterwards', () => {
    const { registry, listener } = setup();
    const opened = registry.open(listener);
    const seen: string[] = [];
    registry.subscribe(opened.id, (message) => seen.push(message.type));
    expect(registry.cancel(opened.id)).toBe(true);
    expect(registry.capture(opened.id, 'run-1')).toBe(false);
    expect(registry.waiting()).toEqual([]);
    expect(registry.cancel(opened.id)).toBe(true);
    expect(seen).toEqual(['cancelled']);
    expect(registry.cancel('unknown')).toBe(false);
  });

  it('cancel of a captured listener stops following its run', () => {
    const { registry, listener } = setup();
    const opened = registry.open(listener);
    registry.capture(opened.id, 'run-1');
    registry.cancel(opened.id);
    expect(registry.listenerOfRun('run-1')).toBeUndefined();
    registry.publish(opened.id, succeeded('run-1'));
    const seen: string[] = [];
    registry.subscribe(opened.id, (message) => seen.push(message.type));
    expect(seen).toEqual(['cancelled']);
  });

  it('replays the stream to late subscribers and hides listeners of other workspaces', () => {
    const { registry, listener } = setup();
    const opened = registry.open(listener);
    registry.capture(opened.id, 'run-1');
    registry.publish(opened.id, { type: 'captured', nodeId: 'n1', runId: 'run-1', event: {} });
    const seen: string[] = [];
    registry.subscribe(opened.id, (message) => seen.push(message.type));
    registry.publish(opened.id, {
      type: 'result',
      runId: 'run-1',
      status: 'failed',
      outputs: null,
      error: 'x',
    });
    expect(seen).toEqual(['captured', 'result']);
    expect(registry.get('ws-2', opened.id)).toBeUndefined();
  });
});
