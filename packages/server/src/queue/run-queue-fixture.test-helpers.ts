import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '@tripline/sdk';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { eventually } from '../domain/redis-test-prefix.test-helpers.js';
import { seedWorkspace } from '../store/contract-fixtures.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { SqliteWriterThread } from '../store/sqlite/sqlite-writer-thread.js';
import { insertWorkflow, newRun } from '../store/workflow-contract-fixtures.js';
import type { RunRecord } from '../store/workflow-records.js';
import type { RunHandler, RunQueue } from './queue.js';

/** A handler whose runs succeed at once. */
export const succeed: RunHandler = async () => ({ status: 'succeeded', outputs: {}, error: null, trace: [] });

/** A handler whose runs succeed at once, noting each run's id in `ran` as it starts. */
export function recording(ran: string[]): RunHandler {
  return async (run) => {
    ran.push(run.id);
    return { status: 'succeeded', outputs: {}, error: null, trace: [] };
  };
}

/** What a run queue test works with; each case gets a fresh database with one workflow. */
export interface RunQueueFixture {
  readonly clock: ReturnType<typeof fixedClock>;
  store(): SqliteStore;
  /** Registers a queue, so it is stopped before the case's database closes. */
  track<Q extends RunQueue>(queue: Q): Q;
  /** Stores `count` queued runs of the workflow, with inputs `{ i }`. */
  queued(count: number): Promise<RunRecord[]>;
  get(runId: string): Promise<RunRecord | undefined>;
  /** Waits until each run has ended, and answers them. */
  ended(runs: readonly RunRecord[]): Promise<(RunRecord | undefined)[]>;
}

/**
 * Sets up, in the calling `describe`, a SQLite database per case (the runs table every queue
 * adapter claims from) and stops the queues a case tracked before closing it.
 */
export function useRunQueueFixture(): RunQueueFixture {
  const dir = mkdtempSync(path.join(tmpdir(), 'tripline-queue-'));
  // One writer thread for every store of the suite: starting one costs about half a second.
  const writerThread = new SqliteWriterThread();
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));
  const queues: RunQueue[] = [];
  let files = 0;
  let store: SqliteStore | undefined;
  let workflow: { id: string; workspaceId: string } | undefined;

  beforeEach(async () => {
    store = new SqliteStore({ file: path.join(dir, `queue-${++files}.db`), writerThread });
    await store.migrate();
    const { workspaceId } = await seedWorkspace(store);
    workflow = await insertWorkflow(store, workspaceId);
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop()));
    await store?.close();
  });
  afterAll(async () => {
    await writerThread.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const current = () => {
    if (!store || !workflow) throw new Error('the run queue fixture is used outside a test case');
    return { store, workflow };
  };
  const get = (runId: string) => {
    const { store, workflow } = current();
    return store.runs.get(workflow.workspaceId, runId);
  };

  return {
    clock,
    store: () => current().store,
    track(queue) {
      queues.push(queue);
      return queue;
    },
    async queued(count) {
      const { store, workflow } = current();
      const runs: RunRecord[] = [];
      for (let i = 0; i < count; i += 1)
        runs.push(await store.runs.create(newRun(workflow, { inputs: { i } })));
      return runs;
    },
    get,
    ended: (runs) =>
      eventually('the runs to end', async () => {
        const now = await Promise.all(runs.map((run) => get(run.id)));
        return now.every((run) => run?.status === 'succeeded' || run?.status === 'failed') ? now : undefined;
      }),
  };
}
