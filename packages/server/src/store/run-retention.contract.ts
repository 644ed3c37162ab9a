import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSubscription, minutesAfter, newLog, seedWorkspace, T0 } from './contract-fixtures.js';
import type { StoreContractContext } from './store.contract.js';
import type { Store } from './store.js';
import { insertWorkflow, newRun } from './workflow-contract-fixtures.js';
import type { RunRecord, RunStatus } from './workflow-records.js';

/** A run id made at `at` (UUIDv7); `newTimeOrderedId` never goes back in time within a process. */
function runIdAt(at: Date): string {
  const time = at.getTime().toString(16).padStart(12, '0');
  const random = randomBytes(10).toString('hex');
  const variant = (0x8 | (Number.parseInt(random.slice(18, 19), 16) & 0x3)).toString(16);
  return `${time.slice(0, 8)}-${time.slice(8)}-7${random.slice(0, 3)}-${variant}${random.slice(3, 6)}-${random.slice(6, 18)}`;
}

interface Workflow {
  readonly id: string;
  readonly workspaceId: string;
}

/** Stores a run created at `createdAt` and brings it to `status`; a finished one ends at `finishedAt`. */
async function runIn(
  store: Store,
  workflow: Workflow,
  status: RunStatus,
  createdAt: Date,
  finishedAt: Date = minutesAfter(createdAt, 1),
): Promise<RunRecord> {
  const run = await store.runs.create(newRun(workflow, { id: runIdAt(createdAt), createdAt }));
  if (status === 'queued') return run;
  // Every other run this helper made is already running or finished: this claim takes this one.
  const [claimed] = await store.runs.claim({ workerId: `worker-${run.id}`, limit: 1, now: createdAt });
  expect(claimed?.id).toBe(run.id);
  if (status === 'running') return run;
  await store.runs.finish([
    {
      runId: run.id,
      workerId: `worker-${run.id}`,
      status,
      outputs: status === 'succeeded' ? { done: true } : null,
      error: status === 'failed' ? 'node "x" failed' : null,
      trace: [{ nodeId: 'start', type: 'start', title: 'Start', status: 'succeeded', outputs: {} }],
      finishedAt,
    },
  ]);
  return run;
}

async function remaining(store: Store, runs: readonly RunRecord[]): Promise<string[]> {
  const kept: string[] = [];
  for (const run of runs) if (await store.runs.get(run.workspaceId, run.id)) kept.push(run.id);
  return kept;
}

export function describeRunRetentionContract({ store: current }: StoreContractContext): void {
  describe('run retention', () => {
    const cutoff = minutesAfter(T0, 60);

    it('deleteFinished deletes old finished runs of every workspace and keeps the rest', async () => {
      const store = current();
      const mine = await insertWorkflow(store, (await seedWorkspace(store)).workspaceId);
      const theirs = await insertWorkflow(store, (await seedWorkspace(store, 'Other')).workspaceId);
      const oldSucceeded = await runIn(store, mine, 'succeeded', minutesAfter(T0, 1));
      const oldFailed = await runIn(store, mine, 'failed', minutesAfter(T0, 2));
      const theirOld = await runIn(store, theirs, 'succeeded', minutesAfter(T0, 3));
      const oldRunning = await runIn(store, mine, 'running', minutesAfter(T0, 4));
      // Created before the cutoff, finished after it: still within the retention period.
      const longRun = await runIn(store, mine, 'succeeded', minutesAfter(T0, 5), minutesAfter(cutoff, 1));
      const recent = await runIn(store, mine, 'succeeded', minutesAfter(cutoff, 1));
      const theirRecent = await runIn(store, theirs, 'failed', minutesAfter(cutoff, 2));
      const oldQueued = await runIn(store, mine, 'queued', minutesAfter(T0, 6));

      expect(await store.runs.deleteFinished({ finishedBefore: cutoff, limit: 500 })).toBe(3);
      const all = [oldSucceeded, oldFailed, theirOld, oldRunning, longRun, recent, theirRecent, oldQueued];
      expect(await remaining(store, all)).toEqual(
        [oldRunning, longRun, recent, theirRecent, oldQueued].map((run) => run.id),
      );
      expect(await store.runs.deleteFinished({ finishedBefore: cutoff, limit: 500 })).toBe(0);
      // The ones kept are whole, trace included.
      expect(await store.runs.get(mine.workspaceId, recent.id)).toMatchObject({
        status: 'succeeded',
        trace: [{ nodeId: 'start' }],
      });
      expect((await store.runs.get(mine.workspaceId, oldRunning.id))?.status).toBe('running');
      expect((await store.runs.get(mine.workspaceId, oldQueued.id))?.status).toBe('queued');
    });

    it('deleteFinished deletes at most `limit` runs per call, oldest first', async () => {
      const store = current();
      const workflow = await insertWorkflow(store, (await seedWorkspace(store)).workspaceId);
      const runs: RunRecord[] = [];
      for (let minute = 1; minute <= 5; minute += 1) {
        runs.push(
          await runIn(store, workflow, minute % 2 === 0 ? 'failed' : 'succeeded', minutesAfter(T0, minute)),
        );
      }
      expect(await store.runs.deleteFinished({ finishedBefore: cutoff, limit: 2 })).toBe(2);
      expect(await remaining(store, runs)).toEqual(runs.slice(2).map((run) => run.id));
      expect(await store.runs.deleteFinished({ finishedBefore: cutoff, limit: 2 })).toBe(2);
      expect(await store.runs.deleteFinished({ finishedBefore: cutoff, limit: 2 })).toBe(1);
      expect(await store.runs.deleteFinished({ finishedBefore: cutoff, limit: 2 })).toBe(0);
      expect(await store.runs.deleteFinished({ finishedBefore: cutoff, limit: 0 })).toBe(0);
    });

    it('a request log keeps the ids of its runs once they are deleted', async () => {
      const store = current();
      const { workspaceId } = await seedWorkspace(store);
      const hook = await createSubscription(store, workspaceId, 'hook');
      const workflow = await insertWorkflow(store, workspaceId);
      const log = newLog({ id: hook.id, workspaceId });
      await store.deliveries.write(log);
      const run = await runIn(store, workflow, 'succeeded', minutesAfter(T0, 1));
      await store.requestLogs.markDispatched(log.id, [run.id], minutesAfter(T0, 1));
      expect(await store.runs.deleteFinished({ finishedBefore: cutoff, limit: 10 })).toBe(1);
      expect(await store.runs.get(workspaceId, run.id)).toBeUndefined();
      expect(await store.requestLogs.get(workspaceId, hook.id, log.id)).toMatchObject({ runs: [run.id] });
    });
  });
}
