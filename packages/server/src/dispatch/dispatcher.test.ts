import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteWriterThread } from '../store/sqlite/sqlite-writer-thread.js';
import type { RunRecord } from '../store/workflow-records.js';
import { startTestEngine, type TestEngine } from '../workflows/workflow-engine.test-helpers.js';
import {
  githubDeliveryLog,
  githubExample,
  twoTriggerYaml,
} from '../workflows/workflow-fixtures.test-helpers.js';

const PR_NODE = '1754400000001';
const ISSUE_NODE = '1754400000002';

// One writer thread for the file: starting one from TypeScript sources takes about half a second.
const writerThread = new SqliteWriterThread();
afterAll(() => writerThread.stop());

describe('Dispatcher', () => {
  let engine: TestEngine;
  let workflowId: string;

  beforeAll(async () => {
    engine = await startTestEngine({ writerThread });
    const created = await engine.workflows.create(engine.principal, twoTriggerYaml(engine.subscription.id));
    workflowId = created.id;
    await engine.workflows.publish(engine.principal, workflowId);
  });
  afterAll(() => engine.close());

  async function deliver(event: string, payload: Record<string, unknown>): Promise<string> {
    const log = githubDeliveryLog(engine.subscription, event, payload);
    await engine.store.deliveries.write(log);
    return log.id;
  }

  async function runsOfLog(logId: string): Promise<RunRecord[]> {
    const page = await engine.store.runs.list({
      workspaceId: engine.principal.workspaceId,
      workflowId,
      limit: 200,
    });
    const runs = await Promise.all(
      page.map((run) => engine.store.runs.get(engine.principal.workspaceId, run.id)),
    );
    return runs.filter((run): run is RunRecord => run?.deliveryLogId === logId);
  }

  async function logOf(logId: string) {
    const log = await engine.store.requestLogs.get(
      engine.principal.workspaceId,
      engine.subscription.id,
      logId,
    );
    const results = await engine.store.requestLogs.dispatchResults(engine.principal.workspaceId, [logId]);
    return { log, results: results.get(logId) };
  }

  it('starts exactly one run for a pull request opened, which ends with the summary', async () => {
    const payload = githubExample('pull_request', 'opened');
    const title = (payload.pull_request as { title: string }).title;
    const logId = await deliver('pull_request', payload);
    await engine.dispatcher.dispatchPending();
    await engine.queue.drain();

    const runs = await runsOfLog(logId);
    expect(runs).toHaveLength(1);
    const [run] = runs;
    expect(run).toMatchObject({
      status: 'succeeded',
      outputs: { summary: `New on GitHub for #dev: ${title}` },
      error: null,
      trigger: {
        nodeId: PR_NODE,
        type: 'trigger-plugin',
        event: 'pull_request',
        action: 'opened',
        eventIndex: 0,
      },
      invokeFrom: 'trigger',
    });
    expect(run?.trace.map((node) => [node.nodeId, node.status])).toEqual([
      [PR_NODE, 'succeeded'],
      ['1754400000003', 'succeeded'],
      ['1754400000004', 'succeeded'],
      ['1754400000005', 'succeeded'],
      ['1754400000006', 'succeeded'],
    ]);
    expect(run?.trace[1]?.outputs).toEqual({ output: title });
    expect(run?.trace[2]?.branch).toBe('true');

    const { log, results } = await logOf(logId);
    expect(log).toMatchObject({ dispatchState: 'done', runs: [run?.id] });
    expect(results).toEqual([
      {
        index: 0,
        name: 'pull_request',
        action: 'opened',
        outcome: 'triggered',
        triggers: [{ outcome: 'ran', workflowId, nodeId: PR_NODE, runId: run?.id }],
      },
    ]);
  });

  it('records a pull request closed as filtered out, with the reason, and starts nothing', async () => {
    const logId = await deliver('pull_request', githubExample('pull_request', 'closed'));
    await engine.dispatcher.dispatchPending();
    expect(await runsOfLog(logId)).toEqual([]);
    const { log, results } = await logOf(logId);
    expect(log).toMatchObject({ dispatchState: 'done', runs: [] });
    expect(results).toEqual([
      {
        index: 0,
        name: 'pull_request',
        action: 'closed',
        outcome: 'triggered',
        triggers: [
          { outcome: 'filtered_out', workflowId, nodeId: PR_NODE, reason: expect.stringContaining('closed') },
        ],
      },
    ]);
  });

  it('records an event no trigger listens to as no listener', async () => {
    const logId = await deliver('push', { ref: 'refs/heads/main', commits: [] });
    await engine.dispatcher.dispatchPending();
    expect((await logOf(logId)).results).toEqual([
      { index: 0, name: 'push', outcome: 'no_listener', triggers: [] },
    ]);
  });

  it('records a disabled trigger as disabled, and starts it again once enabled', async () => {
    await engine.triggers.setEnabled(engine.principal, workflowId, ISSUE_NODE, false);
    const off = await deliver('issues', githubExample('issues', 'opened'));
    await engine.dispatcher.dispatchPending();
    expect((await logOf(off)).results?.[0]?.triggers).toEqual([
      { outcome: 'disabled', workflowId, nodeId: ISSUE_NODE },
    ]);
    await engine.triggers.setEnabled(engine.principal, workflowId, ISSUE_NODE, true);
    const on = await deliver('issues', githubExample('issues', 'opened'));
    await engine.dispatcher.dispatchPending();
    await engine.queue.drain();
    const [run] = await runsOfLog(on);
    expect(run).toMatchObject({ status: 'succeeded', trigger: { nodeId: ISSUE_NODE } });
    // Only the sub-graph reachable from the trigger that fired runs.
    expect(run?.trace.map((node) => node.nodeId)).toEqual([
      ISSUE_NODE,
      '1754400000003',
      '1754400000004',
      '1754400000005',
      '1754400000006',
    ]);
  });

  it('dispatching the same delivery twice gives one run', async () => {
    const logId = await deliver('pull_request', githubExample('pull_request', 'opened'));
    const [pending] = await engine.store.requestLogs.listPending(10);
    expect(pending?.id).toBe(logId);
    await engine.dispatcher.dispatch([pending!]);
    await engine.dispatcher.dispatch([pending!]);
    const runs = await runsOfLog(logId);
    expect(runs).toHaveLength(1);
    expect((await logOf(logId)).log?.runs).toEqual([runs[0]?.id]);
  });

  it('a crash after creating runs and before marking the delivery never makes a second run', async () => {
    const logId = await deliver('pull_request', githubExample('pull_request', 'opened'));
    const [pending] = await engine.store.requestLogs.listPending(10);
    // What an interrupted pass left: the run exists, the log still waits in the inbox.
    const workflow = await engine.store.workflows.get(engine.principal.workspaceId, workflowId);
    const early = await engine.store.runs.create({
      id: '00000000-0000-7000-8000-000000000001',
      workspaceId: engine.principal.workspaceId,
      workflowId,
      versionId: workflow!.publishedVersionId,
      document: null,
      trigger: { nodeId: PR_NODE, type: 'trigger-plugin', deliveryLogId: logId, eventIndex: 0 },
      invokeFrom: 'trigger',
      inputs: {},
      attempt: 1,
      retryOf: null,
      deliveryLogId: logId,
      eventIndex: 0,
      createdBy: null,
      createdAt: new Date(),
    });
    expect(pending?.dispatchState).toBe('pending');
    await engine.dispatcher.dispatchPending();
    const runs = await runsOfLog(logId);
    expect(runs.map((run) => run.id)).toEqual([early.id]);
    expect((await logOf(logId)).log).toMatchObject({ dispatchState: 'done', runs: [early.id] });
  });

  it('commits a batch of deliveries in one store transaction', async () => {
    const ids = await Promise.all(
      Array.from({ length: 5 }, () => deliver('pull_request', githubExample('pull_request', 'closed'))),
    );
    const commit = vi.spyOn(engine.store.runs, 'commitDispatch');
    try {
      await engine.dispatcher.dispatchPending();
      expect(commit).toHaveBeenCalledTimes(1);
      expect(commit.mock.calls[0]?.[0].logs.map((log) => log.logId)).toEqual(ids.sort());
    } finally {
      commit.mockRestore();
    }
  });
});

describe('Dispatcher wake-up', () => {
  let engine: TestEngine;
  beforeEach(async () => {
    engine = await startTestEngine({ writerThread });
  });
  afterEach(() => engine.close());

  it('dispatches when told deliveries were stored', async () => {
    const log = githubDeliveryLog(engine.subscription, 'push', { ref: 'refs/heads/main' });
    await engine.store.deliveries.write(log);
    engine.dispatcher.start();
    await vi.waitFor(async () => expect(await engine.store.requestLogs.listPending(10)).toEqual([]));
    const second = githubDeliveryLog(engine.subscription, 'push', { ref: 'refs/heads/main' });
    await engine.store.deliveries.write(second);
    engine.events.emit('deliveries.stored', { count: 1 });
    await vi.waitFor(async () => expect(await engine.store.requestLogs.listPending(10)).toEqual([]));
  });
});
