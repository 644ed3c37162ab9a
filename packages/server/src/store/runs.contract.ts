import { describe, expect, it } from 'vitest';
import { createSubscription, minutesAfter, newLog, seedWorkspace, T0 } from './contract-fixtures.js';
import type { StoreContractContext } from './store.contract.js';
import type { RunListQuery, Store } from './store.js';
import {
  documentNamed,
  insertWorkflow,
  newRun,
  pluginTrigger,
  publish,
} from './workflow-contract-fixtures.js';
import type { EventDispatch, NewRunRecord, RunCompletion } from './workflow-records.js';

async function workflowOf(store: Store): Promise<{ id: string; workspaceId: string }> {
  const { workspaceId } = await seedWorkspace(store);
  return insertWorkflow(store, workspaceId);
}

function completion(runId: string, workerId: string, overrides: Partial<RunCompletion> = {}): RunCompletion {
  return {
    runId,
    workerId,
    status: 'succeeded',
    outputs: { summary: 'done' },
    error: null,
    trace: [{ nodeId: 'start', type: 'start', title: 'Start', status: 'succeeded', outputs: {} }],
    finishedAt: minutesAfter(T0, 2),
    ...overrides,
  };
}

export function describeRunContract({ store: current, openPeer }: StoreContractContext): void {
  describe('runs', () => {
    it('create and get round-trip every field; list pages newest first', async () => {
      const store = current();
      const workflow = await workflowOf(store);
      const draft = newRun(workflow, { document: documentNamed('Snapshot'), retryOf: 'earlier', attempt: 2 });
      const created = await store.runs.create(draft);
      expect(created).toEqual({
        ...draft,
        status: 'queued',
        outputs: null,
        error: null,
        trace: [],
        workerId: null,
        heartbeatAt: null,
        startedAt: null,
        finishedAt: null,
      });
      expect(await store.runs.get(workflow.workspaceId, draft.id)).toEqual(created);
      expect(await store.runs.get('another workspace', draft.id)).toBeUndefined();
      const more = [await store.runs.create(newRun(workflow)), await store.runs.create(newRun(workflow))];
      const page = await store.runs.list({
        workspaceId: workflow.workspaceId,
        workflowId: workflow.id,
        limit: 2,
      });
      expect(page.map((run) => run.id)).toEqual([more[1]!.id, more[0]!.id]);
      expect(page[0]).not.toHaveProperty('trace');
      const next = await store.runs.list({
        workspaceId: workflow.workspaceId,
        workflowId: workflow.id,
        limit: 2,
        before: more[0]!.id,
      });
      expect(next.map((run) => run.id)).toEqual([draft.id]);
    });

    it("list spans a workspace's workflows newest first, filters by workflow and status, never another workspace's", async () => {
      const store = current();
      const first = await workflowOf(store);
      const second = await insertWorkflow(store, first.workspaceId);
      const stranger = await workflowOf(store);
      const [a, b, c, d] = [
        await store.runs.create(newRun(first)),
        await store.runs.create(newRun(second)),
        await store.runs.create(newRun(stranger)),
        await store.runs.create(newRun(first)),
      ];
      await store.runs.claim({ workerId: 'w1', limit: 1, now: T0 });
      const ids = async (query: Partial<RunListQuery>): Promise<string[]> =>
        (await store.runs.list({ workspaceId: first.workspaceId, limit: 10, ...query })).map((run) => run.id);
      expect(await ids({})).toEqual([d!.id, b!.id, a!.id]);
      expect(await ids({ limit: 2 })).toEqual([d!.id, b!.id]);
      expect(await ids({ before: b!.id })).toEqual([a!.id]);
      expect(await ids({ workflowId: first.id })).toEqual([d!.id, a!.id]);
      expect(await ids({ status: 'running' })).toEqual([a!.id]);
      expect(await ids({ status: 'queued', workflowId: second.id })).toEqual([b!.id]);
      expect(await ids({ workflowId: stranger.id })).toEqual([]);
      expect(await ids({ workspaceId: stranger.workspaceId })).toEqual([c!.id]);
    });

    it('claim hands each queued run to one worker, oldest first', async () => {
      const store = current();
      const workflow = await workflowOf(store);
      const runs: NewRunRecord[] = [];
      for (let i = 0; i < 6; i += 1) runs.push(newRun(workflow));
      for (const run of runs) await store.runs.create(run);
      const peer = await openPeer();
      const first = await store.runs.claim({ workerId: 'w1', limit: 2, now: T0 });
      expect(first.map((run) => run.id)).toEqual([runs[0]!.id, runs[1]!.id]);
      expect(first[0]).toMatchObject({ status: 'running', workerId: 'w1', startedAt: T0, heartbeatAt: T0 });
      const [a, b] = await Promise.all([
        store.runs.claim({ workerId: 'w2', limit: 3, now: T0 }),
        peer.runs.claim({ workerId: 'w3', limit: 3, now: T0 }),
      ]);
      const claimed = [...first, ...a, ...b].map((run) => run.id).sort();
      expect(claimed).toEqual(runs.map((run) => run.id).sort());
      expect(await store.runs.claim({ workerId: 'w1', limit: 5, now: T0 })).toEqual([]);
    });

    it('finish stores the outcome only for the worker holding the run', async () => {
      const store = current();
      const workflow = await workflowOf(store);
      const run = await store.runs.create(newRun(workflow));
      const queued = await store.runs.create(newRun(workflow));
      await store.runs.claim({ workerId: 'w1', limit: 1, now: T0 });
      expect(await store.runs.finish([completion(run.id, 'w2'), completion(queued.id, 'w1')])).toEqual([]);
      const failed = completion(run.id, 'w1', { status: 'failed', outputs: null, error: 'node "x" failed' });
      expect(await store.runs.finish([failed])).toEqual([run.id]);
      expect(await store.runs.get(workflow.workspaceId, run.id)).toMatchObject({
        status: 'failed',
        outputs: null,
        error: 'node "x" failed',
        trace: failed.trace,
        finishedAt: failed.finishedAt,
      });
      expect(await store.runs.finish([completion(run.id, 'w1')])).toEqual([]);
      expect((await store.runs.get(workflow.workspaceId, queued.id))?.status).toBe('queued');
    });

    it('finishAndClaim stores endings and claims queued runs, oldest first, in one call', async () => {
      const store = current();
      const workflow = await workflowOf(store);
      const [held, next, later, last] = [
        await store.runs.create(newRun(workflow)),
        await store.runs.create(newRun(workflow)),
        await store.runs.create(newRun(workflow)),
        await store.runs.create(newRun(workflow)),
      ];
      await store.runs.claim({ workerId: 'w1', limit: 1, now: T0 });
      const settled = await store.runs.finishAndClaim({
        completions: [completion(held!.id, 'w1'), completion(last!.id, 'w1')],
        claim: { workerId: 'w1', limit: 2, now: minutesAfter(T0, 3) },
      });
      expect(settled.stored).toEqual([held!.id]);
      expect(settled.claimed.map((run) => run.id)).toEqual([next!.id, later!.id]);
      expect(settled.claimed[0]).toMatchObject({ status: 'running', workerId: 'w1' });
      expect(await store.runs.get(workflow.workspaceId, held!.id)).toMatchObject({
        status: 'succeeded',
        outputs: { summary: 'done' },
      });
      expect((await store.runs.get(workflow.workspaceId, last!.id))?.status).toBe('queued');
      const none = await store.runs.finishAndClaim({
        completions: [completion(next!.id, 'w1')],
        claim: { workerId: 'w1', limit: 0, now: T0 },
      });
      expect(none).toEqual({ stored: [next!.id], claimed: [] });
    });

    it('failAbandoned fails running runs of stale or all other workers', async () => {
      const store = current();
      const workflow = await workflowOf(store);
      for (let i = 0; i < 3; i += 1) await store.runs.create(newRun(workflow));
      const [stale] = await store.runs.claim({ workerId: 'dead', limit: 1, now: T0 });
      const [live] = await store.runs.claim({ workerId: 'alive', limit: 1, now: T0 });
      const [own] = await store.runs.claim({ workerId: 'me', limit: 1, now: T0 });
      await store.runs.heartbeat('alive', minutesAfter(T0, 5));
      const now = minutesAfter(T0, 6);
      const reason = 'interrupted: its worker stopped';
      expect(
        await store.runs.failAbandoned({
          staleBefore: minutesAfter(T0, 4),
          exceptWorkerId: 'me',
          reason,
          now,
        }),
      ).toEqual([stale!.id]);
      expect(await store.runs.get(workflow.workspaceId, stale!.id)).toMatchObject({
        status: 'failed',
        error: reason,
        finishedAt: now,
      });
      expect(await store.runs.failAbandoned({ exceptWorkerId: 'me', reason, now })).toEqual([live!.id]);
      expect((await store.runs.get(workflow.workspaceId, own!.id))?.status).toBe('running');
    });

    it('commitDispatch creates runs once per delivery event, version and trigger, and marks the logs', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const hook = await createSubscription(store, workspaceId, 'hook');
      const workflow = await insertWorkflow(store, workspaceId);
      const versionId = await publish(store, workflow, [
        pluginTrigger('a', hook.id),
        pluginTrigger('b', hook.id),
      ]);
      const log = newLog({ id: hook.id, workspaceId });
      await store.deliveries.write(log);
      const planned = (nodeId: string): NewRunRecord =>
        newRun(workflow, {
          versionId,
          trigger: { nodeId, type: 'trigger-plugin', deliveryLogId: log.id, eventIndex: 0 },
          invokeFrom: 'trigger',
          deliveryLogId: log.id,
          eventIndex: 0,
          createdBy: null,
        });
      // An earlier attempt created run "a" and stopped before marking the log.
      const earlier = await store.runs.create(planned('a'));
      const runs = [planned('a'), planned('b')];
      const results = (ids: readonly string[]): EventDispatch[] => [
        {
          index: 0,
          name: 'issues',
          action: 'opened',
          outcome: 'triggered',
          triggers: [
            { outcome: 'ran', workflowId: workflow.id, nodeId: 'a', runId: ids[0]! },
            { outcome: 'ran', workflowId: workflow.id, nodeId: 'b', runId: ids[1]! },
          ],
        },
      ];
      const at = minutesAfter(T0, 1);
      const commit = await store.runs.commitDispatch({
        runs,
        logs: [{ logId: log.id, results: results(runs.map((run) => run.id)) }],
        now: at,
      });
      expect(commit.created).toEqual([runs[1]!.id]);
      expect(Object.fromEntries(commit.runIds)).toEqual({
        [runs[0]!.id]: earlier.id,
        [runs[1]!.id]: runs[1]!.id,
      });
      const stored = await store.requestLogs.get(workspaceId, hook.id, log.id);
      expect(stored).toMatchObject({
        dispatchState: 'done',
        dispatchedAt: at,
        runs: [earlier.id, runs[1]!.id],
      });
      expect(await store.requestLogs.listPending(10)).toEqual([]);
      expect((await store.requestLogs.dispatchResults(workspaceId, [log.id])).get(log.id)).toEqual(
        results([earlier.id, runs[1]!.id]),
      );
      expect((await store.requestLogs.dispatchResults('elsewhere', [log.id])).size).toBe(0);

      // The same batch again, with fresh planned ids: nothing new.
      const again = [planned('a'), planned('b')];
      const repeat = await store.runs.commitDispatch({
        runs: again,
        logs: [{ logId: log.id, results: results(again.map((run) => run.id)) }],
        now: at,
      });
      expect(repeat.created).toEqual([]);
      const all = await store.runs.list({ workspaceId, workflowId: workflow.id, limit: 10 });
      expect(all).toHaveLength(2);
    });
  });
}
