import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '@tripline/sdk';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { seedWorkspace } from '../../store/contract-fixtures.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { SqliteWriterThread } from '../../store/sqlite/sqlite-writer-thread.js';
import { insertWorkflow, newRun } from '../../store/workflow-contract-fixtures.js';
import type { RunRecord } from '../../store/workflow-records.js';
import { silentLogger } from '../../workflows/workflow-fixtures.test-helpers.js';
import type { RunHandler } from '../queue.js';
import { LocalRunQueue, type LocalRunQueueOptions } from './local-run-queue.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tripline-queue-'));
const writerThread = new SqliteWriterThread();
afterAll(async () => {
  await writerThread.stop();
  rmSync(dir, { recursive: true, force: true });
});
let files = 0;

describe('LocalRunQueue', () => {
  let store: SqliteStore;
  let workflow: { id: string; workspaceId: string };
  const queues: LocalRunQueue[] = [];
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));

  beforeEach(async () => {
    store = new SqliteStore({ file: path.join(dir, `queue-${++files}.db`), writerThread });
    await store.migrate();
    const { workspaceId } = await seedWorkspace(store);
    workflow = await insertWorkflow(store, workspaceId);
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop()));
    await store.close();
  });

  function queue(handler: RunHandler, options: Partial<LocalRunQueueOptions> = {}): LocalRunQueue {
    const created = new LocalRunQueue({
      store,
      handler,
      clock,
      logger: silentLogger,
      pollIntervalMs: 60_000,
      ...options,
    });
    queues.push(created);
    return created;
  }

  async function queued(count: number): Promise<RunRecord[]> {
    const runs: RunRecord[] = [];
    for (let i = 0; i < count; i += 1)
      runs.push(await store.runs.create(newRun(workflow, { inputs: { i } })));
    return runs;
  }

  const get = (id: string) => store.runs.get(workflow.workspaceId, id);

  it('runs every queued run, never more than its concurrency at once, and stores how each ended', async () => {
    const runs = await queued(7);
    let active = 0;
    let most = 0;
    const worker = queue(
      async (run) => {
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        return { status: 'succeeded', outputs: { i: run.inputs.i }, error: null, trace: [] };
      },
      { concurrency: 3 },
    );
    await worker.start();
    await worker.drain();
    expect(most).toBe(3);
    for (const [i, run] of runs.entries()) {
      expect(await get(run.id)).toMatchObject({
        status: 'succeeded',
        outputs: { i },
        workerId: worker.workerId,
      });
    }
  });

  it('claims the next runs in the transaction that stores the endings', async () => {
    const runs = await queued(6);
    const calls: { completions: number; claimed: number }[] = [];
    const finishAndClaim = store.runs.finishAndClaim.bind(store.runs);
    store.runs.finishAndClaim = async (input) => {
      const result = await finishAndClaim(input);
      calls.push({ completions: input.completions.length, claimed: result.claimed.length });
      return result;
    };
    const worker = queue(async () => ({ status: 'succeeded', outputs: {}, error: null, trace: [] }), {
      concurrency: 2,
    });
    await worker.start();
    await worker.drain();
    for (const run of runs) expect((await get(run.id))?.status).toBe('succeeded');
    // Only the first claim is a transaction of its own; each later one rides with endings.
    expect(calls.filter((call) => call.completions === 0 && call.claimed > 0)).toHaveLength(1);
    expect(calls.reduce((sum, call) => sum + call.claimed, 0)).toBe(6);
    expect(calls.reduce((sum, call) => sum + call.completions, 0)).toBe(6);
  });

  it('fails a run whose handler throws, with the message', async () => {
    const [run] = await queued(1);
    const worker = queue(async () => {
      throw new Error('the handler broke');
    });
    await worker.start();
    await worker.drain();
    expect(await get(run!.id)).toMatchObject({ status: 'failed', error: 'the handler broke' });
  });

  it('takes runs enqueued after it started', async () => {
    const worker = queue(async () => ({ status: 'succeeded', outputs: {}, error: null, trace: [] }));
    await worker.start();
    const [run] = await queued(1);
    await worker.enqueue([run!.id]);
    await worker.drain();
    expect((await get(run!.id))?.status).toBe('succeeded');
  });

  it('fails, at start, a run left running by a dead process when it is the only process', async () => {
    const [left, waiting] = await queued(2);
    await store.runs.claim({ workerId: 'dead-process', limit: 1, now: new Date(clock.now()) });
    const ran: string[] = [];
    const worker = queue(
      async (run) => {
        ran.push(run.id);
        return { status: 'succeeded', outputs: {}, error: null, trace: [] };
      },
      { exclusive: true },
    );
    await worker.start();
    await worker.drain();
    expect(await get(left!.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^interrupted: the process running it stopped/),
      finishedAt: new Date(clock.now()),
    });
    expect(ran).toEqual([waiting!.id]);
  });

  it('leaves a run another live process holds, and fails it once that process stops heartbeating', async () => {
    const [held] = await queued(1);
    await store.runs.claim({ workerId: 'other-process', limit: 1, now: new Date(clock.now()) });
    const worker = queue(async () => ({ status: 'succeeded', outputs: {}, error: null, trace: [] }), {
      staleAfterMs: 60_000,
    });
    await worker.start();
    await worker.drain();
    expect((await get(held!.id))?.status).toBe('running');
    clock.advance(61_000);
    const later = queue(async () => ({ status: 'succeeded', outputs: {}, error: null, trace: [] }), {
      staleAfterMs: 60_000,
    });
    await later.start();
    expect((await get(held!.id))?.status).toBe('failed');
  });

  it('stop aborts runs still going after the grace time; they end failed', async () => {
    const [run] = await queued(1);
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const worker = queue(
      (_run, signal) =>
        new Promise((resolve) => {
          started();
          signal.addEventListener('abort', () =>
            resolve({ status: 'failed', outputs: null, error: 'stopped with the queue', trace: [] }),
          );
        }),
      { stopGraceMs: 10 },
    );
    await worker.start();
    await running;
    await worker.stop();
    expect(await get(run!.id)).toMatchObject({ status: 'failed', error: 'stopped with the queue' });
  });
});
