import { describe, expect, it } from 'vitest';
import { type InternalEventMap, InternalEvents } from '../domain/internal-events.js';
import type { NodeTrace, RunRecord } from '../store/workflow-records.js';
import { announceRunEnded, runProgressHooks } from './run-progress.js';

function run(versionId: string | null): RunRecord {
  return {
    id: versionId === null ? 'run-of-draft' : 'run-of-version',
    workspaceId: 'ws_1',
    workflowId: 'wf_1',
    versionId,
    document: null,
    trigger: { nodeId: 'trigger', type: 'trigger-plugin' },
    invokeFrom: versionId === null ? 'debugger' : 'trigger',
    inputs: {},
    attempt: 1,
    retryOf: null,
    deliveryLogId: null,
    eventIndex: null,
    createdBy: null,
    createdAt: new Date(0),
    status: 'running',
    outputs: null,
    error: null,
    trace: [],
    workerId: null,
    heartbeatAt: null,
    startedAt: null,
    finishedAt: null,
  };
}

const node = { nodeId: 'end', type: 'end', title: 'End' };
const trace: NodeTrace = { ...node, status: 'succeeded', outputs: { ok: true } };
const ended = { status: 'succeeded', outputs: { ok: true }, error: null, trace: [trace] } as const;

function recorded(events: InternalEvents) {
  const progress: InternalEventMap['run.progress'][] = [];
  const finished: InternalEventMap['run.finished'][] = [];
  events.on('run.progress', (payload) => progress.push(payload));
  events.on('run.finished', (payload) => finished.push(payload));
  return { progress, finished };
}

describe('run progress announcements', () => {
  it('announce every node and the ending of a draft run, which a listener may follow', () => {
    const events = new InternalEvents();
    const seen = recorded(events);
    const hooks = runProgressHooks(events);
    hooks.onNodeStarted(run(null), node);
    hooks.onNode(run(null), trace);
    announceRunEnded(events)(run(null), ended);
    expect(seen.progress).toEqual([
      { runId: 'run-of-draft', workspaceId: 'ws_1', node: { status: 'started', ...node } },
      { runId: 'run-of-draft', workspaceId: 'ws_1', node: trace },
    ]);
    expect(seen.finished).toEqual([
      { runId: 'run-of-draft', workspaceId: 'ws_1', status: 'succeeded', outputs: { ok: true }, error: null },
    ]);
  });

  it('say nothing about a published version run, which no listener follows', () => {
    const events = new InternalEvents();
    const seen = recorded(events);
    const hooks = runProgressHooks(events);
    hooks.onNodeStarted(run('ver_1'), node);
    hooks.onNode(run('ver_1'), trace);
    announceRunEnded(events)(run('ver_1'), ended);
    expect(seen.progress).toEqual([]);
    expect(seen.finished).toEqual([]);
  });
});
