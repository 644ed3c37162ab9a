import { fixedClock } from '@tripline/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisSignals } from '../domain/redis-signals.js';
import { eventually, TEST_REDIS_URL, testRedisPrefix } from '../domain/redis-test-prefix.test-helpers.js';
import { documentNamed } from '../store/workflow-contract-fixtures.js';
import { silentLogger } from '../workflows/workflow-fixtures.test-helpers.js';
import type { ListenerMessage, NewListener } from './listener-registry.js';
import { RedisListenerRegistry } from './redis-listener-registry.js';

const draft: NewListener = {
  workspaceId: 'w1',
  workflowId: 'wf1',
  createdBy: 'm1',
  document: documentNamed('Draft'),
  targets: [
    { kind: 'plugin', nodeId: 'on-issue', subscriptionId: 's1', event: 'issues', eventParameters: {} },
  ],
};

describe('RedisListenerRegistry', () => {
  let redis: ReturnType<typeof testRedisPrefix>;
  const opened: { signals: RedisSignals; registry: RedisListenerRegistry }[] = [];
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));

  beforeEach(() => {
    redis = testRedisPrefix();
  });
  afterEach(async () => {
    for (const { signals, registry } of opened.splice(0)) {
      registry.close();
      await signals.close();
    }
    await redis.cleanup();
  });

  /** One process's registry. */
  async function process(): Promise<RedisListenerRegistry> {
    const signals = new RedisSignals({ url: TEST_REDIS_URL, prefix: redis.prefix, logger: silentLogger });
    const registry = new RedisListenerRegistry({ signals, clock, logger: silentLogger, reserveMs: 500 });
    await signals.connect();
    await registry.connect();
    opened.push({ signals, registry });
    return registry;
  }

  const seen = (registry: RedisListenerRegistry, id: string) =>
    eventually('the listener to be seen', async () => registry.get('w1', id));

  /**
   * A process started once `ready` holds of it (else another is started, until it does), and the
   * messages its stream for `listenerId` replays and then receives.
   */
  async function startLate(
    what: string,
    listenerId: string,
    ready: (registry: RedisListenerRegistry) => boolean,
  ) {
    const late = await eventually(what, async () => {
      const started = await process();
      return ready(started) ? started : undefined;
    });
    const messages: ListenerMessage[] = [];
    late.subscribe(listenerId, (message) => messages.push(message));
    return { late, messages };
  }

  const ended = (id: string) => (registry: RedisListenerRegistry) => registry.get('w1', id)?.state === 'done';

  /** A listener opened in one process (api) and captured for `runId` in another (worker). */
  async function capturedRun(runId: string, n: number) {
    const [api, worker] = [await process(), await process()];
    const listener = api.open(draft);
    await seen(worker, listener.id);
    const release = await worker.reserve([listener.id]);
    expect(worker.capture(listener.id, runId)).toBe(true);
    const captured = { type: 'captured', nodeId: 'on-issue', runId, event: { n } } as const;
    worker.publish(listener.id, captured);
    await release();
    return { api, worker, listener, captured };
  }

  it('shows a listener opened in one process to the others, and its capture and messages too', async () => {
    const [api, worker] = [await process(), await process()];
    const listener = api.open(draft);
    const messages: ListenerMessage[] = [];
    api.subscribe(listener.id, (message) => messages.push(message));
    expect((await seen(worker, listener.id)).targets).toEqual(draft.targets);
    expect(worker.waiting().map((waiting) => waiting.id)).toEqual([listener.id]);

    const release = await worker.reserve([listener.id]);
    expect(worker.capture(listener.id, 'run-1')).toBe(true);
    worker.publish(listener.id, { type: 'captured', nodeId: 'on-issue', runId: 'run-1', event: { n: 1 } });
    await release();
    await eventually('A to see the capture', async () => api.listenerOfRun('run-1'));
    expect(api.waiting()).toEqual([]);
    await eventually('A to stream it', async () => (messages.length > 0 ? true : undefined));
    expect(messages).toEqual([{ type: 'captured', nodeId: 'on-issue', runId: 'run-1', event: { n: 1 } }]);

    // Both processes hear the run end (internal events reach all); the stream carries it once.
    const result = { type: 'result', runId: 'run-1', status: 'succeeded', outputs: {}, error: null } as const;
    worker.publish(listener.id, result);
    api.publish(listener.id, result);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(messages.slice(1)).toEqual([result]);
    expect(api.get('w1', listener.id)?.state).toBe('done');
  });

  it('lets one process capture a listener when two events race for it in two processes', async () => {
    const [api, first, second] = [await process(), await process(), await process()];
    const listener = api.open(draft);
    await seen(first, listener.id);
    await seen(second, listener.id);
    const race = async (registry: RedisListenerRegistry, runId: string) => {
      const release = await registry.reserve([listener.id]);
      try {
        return registry.capture(listener.id, runId);
      } finally {
        await release();
      }
    };
    const outcomes = await Promise.all([race(first, 'run-a'), race(second, 'run-b'), race(api, 'run-c')]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    const winner = ['run-a', 'run-b', 'run-c'][outcomes.indexOf(true)];
    await eventually('every process to know the winner', async () =>
      [api, first, second].every((registry) => registry.listenerOfRun(winner ?? '') === listener.id)
        ? true
        : undefined,
    );
    // Reserving it again finds it captured.
    const release = await first.reserve([listener.id]);
    expect(first.capture(listener.id, 'run-late')).toBe(false);
    await release();
  });

  it('captures nothing without a reservation', async () => {
    const registry = await process();
    const listener = registry.open(draft);
    expect(registry.capture(listener.id, 'run-1')).toBe(false);
    expect(registry.waiting()).toHaveLength(1);
  });

  it('stops a listener everywhere when one process cancels it', async () => {
    const [api, worker] = [await process(), await process()];
    const listener = api.open(draft);
    await seen(worker, listener.id);
    const messages: ListenerMessage[] = [];
    worker.subscribe(listener.id, (message) => messages.push(message));
    expect(api.cancel(listener.id)).toBe(true);
    await eventually('the worker to hear it', async () => (messages.length > 0 ? true : undefined));
    expect(messages).toEqual([{ type: 'cancelled' }]);
    expect(worker.waiting()).toEqual([]);
    const release = await worker.reserve([listener.id]);
    expect(worker.capture(listener.id, 'run-1')).toBe(false);
    await release();
  });

  it('replays to a process that starts late the capture and the result, so the stream it serves ends', async () => {
    const { api, worker, listener, captured } = await capturedRun('run-1', 1);
    const result = {
      type: 'result',
      runId: 'run-1',
      status: 'succeeded',
      outputs: { ok: true },
      error: null,
    } as const;
    worker.publish(listener.id, result);
    await eventually('the api to see the end', async () =>
      api.get('w1', listener.id)?.state === 'done' ? true : undefined,
    );

    // Started after it all: the stream it serves replays the capture and the result, and so ends.
    const { late, messages } = await startLate(
      'a late process to load the end',
      listener.id,
      ended(listener.id),
    );
    expect(messages).toEqual([captured, result]);
    expect(late.listenerOfRun('run-1')).toBeUndefined();
  });

  it('replays to a process that starts while a run is under way its capture, and follows the run from there', async () => {
    const { worker, listener, captured } = await capturedRun('run-2', 2);
    const { late, messages } = await startLate(
      'a late process to load the capture',
      listener.id,
      (registry) => registry.listenerOfRun('run-2') === listener.id,
    );
    // The same capture signalled again changes nothing; the run's end reaches the late stream.
    late.publish(listener.id, captured);
    const result = {
      type: 'result',
      runId: 'run-2',
      status: 'failed',
      outputs: null,
      error: 'boom',
    } as const;
    worker.publish(listener.id, result);
    await eventually('the late stream to end', async () => (messages.length === 2 ? true : undefined));
    expect(messages).toEqual([captured, result]);
    expect(late.get('w1', listener.id)?.state).toBe('done');
  });

  /** A node's start or end as every process hears it: each publishes it to its own streams. */
  const nodeStep = (runId: string, nodeId: string, status: 'started' | 'succeeded', outputs?: unknown) =>
    ({
      type: 'node',
      runId,
      node:
        status === 'started'
          ? { status, nodeId, type: 'template-transform', title: nodeId }
          : { status, nodeId, type: 'template-transform', title: nodeId, outputs: { output: outputs } },
    }) as const;

  it('replays to a process that starts mid-run the nodes so far, in order, each once, then follows the rest', async () => {
    const { api, worker, listener, captured } = await capturedRun('run-3', 3);
    await eventually('the api to see the capture', async () => api.listenerOfRun('run-3'));
    const steps = [nodeStep('run-3', 'on-issue', 'started'), nodeStep('run-3', 'on-issue', 'succeeded', 1)];
    // Heard by both processes, so stored twice: the record keeps each step once.
    for (const step of steps) for (const registry of [worker, api]) registry.publish(listener.id, step);
    const { late, messages } = await startLate(
      'a late process to load the nodes so far',
      listener.id,
      (registry) => {
        let replayed = 0;
        registry.subscribe(listener.id, () => {
          replayed += 1;
        });
        return replayed === 3;
      },
    );
    // The last step again (heard live after it was loaded) stays out; the next one and the end go in.
    late.publish(listener.id, steps[1]!);
    const next = nodeStep('run-3', 'summary', 'started');
    late.publish(listener.id, next);
    const result = { type: 'result', runId: 'run-3', status: 'succeeded', outputs: {}, error: null } as const;
    worker.publish(listener.id, result);
    await eventually('the late stream to end', async () => (messages.length === 5 ? true : undefined));
    expect(messages).toEqual([captured, ...steps, next, result]);
  });

  it('keeps no node progress past its budget, so a late stream has no gaps: the capture, then the end', async () => {
    const { worker, listener, captured } = await capturedRun('run-4', 4);
    worker.publish(listener.id, nodeStep('run-4', 'on-issue', 'succeeded', 'x'.repeat(300 * 1024)));
    worker.publish(listener.id, nodeStep('run-4', 'summary', 'started'));
    const result = { type: 'result', runId: 'run-4', status: 'succeeded', outputs: {}, error: null } as const;
    worker.publish(listener.id, result);
    const { messages } = await startLate('a late process to load the end', listener.id, ended(listener.id));
    expect(messages).toEqual([captured, result]);
  });

  it('replays a cancel to a process that starts after it', async () => {
    const api = await process();
    const listener = api.open(draft);
    await seen(await process(), listener.id);
    expect(api.cancel(listener.id)).toBe(true);
    const { late, messages } = await startLate(
      'a late process to load the cancel',
      listener.id,
      ended(listener.id),
    );
    expect(messages).toEqual([{ type: 'cancelled' }]);
    expect(late.waiting()).toEqual([]);
  });

  it('loads, at connect, the listeners opened before the process started, until they expire', async () => {
    const api = await process();
    const listener = api.open(draft);
    await eventually('the record to be written', async () => {
      const later = await process();
      return later.get('w1', listener.id);
    });
    clock.advance(6 * 60_000);
    const afterExpiry = await process();
    expect(afterExpiry.get('w1', listener.id)).toBeUndefined();
  });
});
