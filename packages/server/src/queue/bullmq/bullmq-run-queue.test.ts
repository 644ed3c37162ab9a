import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '@tripline/sdk';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, TEST_REDIS_URL, testRedisPrefix } from '../../domain/redis-test-prefix.test-helpers.js';
import { seedWorkspace } from '../../store/contract-fixtures.js';
import { SqliteStore } from '../../store/sqlite/sqlite-store.js';
import { SqliteWriterThread } from '../../store/sqlite/sqlite-writer-thread.js';
import { insertWorkflow, newRun } from '../../store/workflow-contract-fixtures.js';
import type { RunRecord } from '../../store/workflow-records.js';
import { silentLogger } from '../../workflows/workflow-fixtures.test-helpers.js';
import type { RunHandler } from '../queue.js';
import { BullMqRunQueue, type BullMqRunQueueOptions } from './bullmq-run-queue.js';

const dir = mkdtempSync(path.join(tmpdir(), 'tripline-bullmq-'));
const writerThread = new SqliteWriterThread();
afterAll(async () => {
  await writerThread.stop();
  rmSync(dir, { recursive: true, force: true });
});
let files = 0;

const succeed: RunHandler = async () => ({ status: 'succeeded', outputs: {}, error: null, trace: [] });

describe('BullMqRunQueue', () => {
  let store: SqliteStore;
  let workflow: { id: string; workspaceId: string };
  let redis: ReturnType<typeof testRedisPrefix>;
  const queues: BullMqRunQueue[] = [];
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));

  beforeEach(async () => {
    redis = testRedisPrefix();
    store = new SqliteStore({ file: path.join(dir, `queue-${++files}.db`), writerThread });
    await store.migrate();
    const { workspaceId } = await seedWorkspace(store);
    workflow = await insertWorkflow(store, workspaceId);
  });
  afterEach(async () => {
    await Promise.all(queues.splice(0).map((queue) => queue.stop()));
    await store.close();
    await redis.cleanup();
  });

  function queue(handler: RunHandler, options: Partial<BullMqRunQueueOptions> = {}): BullMqRunQueue {
    const created = new BullMqRunQueue({
      store,
      handler,
      clock,
      logger: silentLogger,
      redisUrl: TEST_REDIS_URL,
      prefix: redis.prefix,
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

  /** Waits until each run has ended, and answers them. */
  const ended = (runs: readonly RunRecord[]) =>
    eventually('the runs to end', async () => {
      const now = await Promise.all(runs.map((run) => get(run.id)));
      return now.every((run) => run?.status === 'succeeded' || run?.status === 'failed') ? now : undefined;
    });

  it('runs every enqueued run, never more than its concurrency at once, and stores how each ended', async () => {
    const worker = queue(
      async (run) => {
        active += 1;
        most = Math.max(most, active);
        await new Promise((resolve) => setTimeout(resolve, 20));
        active -= 1;
        return { status: 'succeeded', outputs: { i: run.inputs.i }, error: null, trace: [] };
      },
      { concurrency: 3 },
    );
    let active = 0;
    let most = 0;
    await worker.start();
    const runs = await queued(7);
    await worker.enqueue(runs.map((run) => run.id));
    await ended(runs);
    expect(most).toBe(3);
    for (const [i, run] of runs.entries()) {
      expect(await get(run.id)).toMatchObject({
        status: 'succeeded',
        outputs: { i },
        workerId: worker.workerId,
      });
    }
  });

  it('fails a run whose handler throws, with the message', async () => {
    const worker = queue(async () => {
      throw new Error('the handler broke');
    });
    await worker.start();
    const [run] = await queued(1);
    await worker.enqueue([run!.id]);
    await ended([run!]);
    expect(await get(run!.id)).toMatchObject({ status: 'failed', error: 'the handler broke' });
  });

  it('starts each run once, however often it is enqueued and however many processes take jobs', async () => {
    const calls = new Map<string, number>();
    const count: RunHandler = async (run) => {
      calls.set(run.id, (calls.get(run.id) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { status: 'succeeded', outputs: {}, error: null, trace: [] };
    };
    const first = queue(count, { concurrency: 2 });
    const second = queue(count, { concurrency: 2 });
    await Promise.all([first.start(), second.start()]);
    const runs = await queued(6);
    const ids = runs.map((run) => run.id);
    await Promise.all([first.enqueue(ids), second.enqueue(ids), first.enqueue(ids)]);
    await ended(runs);
    // Late jobs of the repeated enqueues find their runs taken and end doing nothing.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect([...calls.values()]).toEqual(ids.map(() => 1));
    expect(calls.size).toBe(6);
  });

  it('starts, at start, queued runs that Redis does not know about (flushed, or never enqueued)', async () => {
    const runs = await queued(5);
    const worker = queue(succeed, { concurrency: 2 });
    await worker.start();
    await ended(runs);
    for (const run of runs) expect((await get(run.id))?.status).toBe('succeeded');
  });

  it('fails a run left running by a process that stopped heartbeating, and never starts it again', async () => {
    const [held, waiting] = await queued(2);
    await store.runs.claim({ workerId: 'dead-process', limit: 1, now: new Date(clock.now()) });
    const ran: string[] = [];
    const worker = queue(
      async (run) => {
        ran.push(run.id);
        return { status: 'succeeded', outputs: {}, error: null, trace: [] };
      },
      { staleAfterMs: 60_000 },
    );
    await worker.start();
    await worker.enqueue([held!.id, waiting!.id]);
    await ended([waiting!]);
    // Its worker might still be alive: it is left alone until its heartbeat is stale.
    expect((await get(held!.id))?.status).toBe('running');
    clock.advance(61_000);
    const later = queue(succeed, { staleAfterMs: 60_000 });
    await later.start();
    expect(await get(held!.id)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^interrupted: the process running it stopped/),
    });
    expect(ran).toEqual([waiting!.id]);
  });

  it('stop aborts runs still going after the grace time; they end failed', async () => {
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
    const [run] = await queued(1);
    await worker.enqueue([run!.id]);
    await running;
    await worker.stop();
    expect(await get(run!.id)).toMatchObject({ status: 'failed', error: 'stopped with the queue' });
  });

  it('keeps jobs under its prefix and enqueues without waiting while Redis is unreachable', async () => {
    const worker = queue(succeed);
    await worker.start();
    const [run] = await queued(1);
    await worker.enqueue([run!.id]);
    await ended([run!]);
    const probe = new Redis(TEST_REDIS_URL);
    try {
      expect((await probe.keys(`${redis.prefix}:runs:*`)).length).toBeGreaterThan(0);
    } finally {
      await probe.quit();
    }
    const unreachable = queue(succeed, { redisUrl: 'redis://127.0.0.1:1' });
    // Not started: its connection is not ready, so the run waits in the table for a sweep.
    await expect(unreachable.enqueue(['0190a000-0000-7000-8000-000000000000'])).resolves.toBeUndefined();
  });
});
