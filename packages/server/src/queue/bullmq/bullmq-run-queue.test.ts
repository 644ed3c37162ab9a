import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, TEST_REDIS_URL, testRedisPrefix } from '../../domain/redis-test-prefix.test-helpers.js';
import { silentLogger } from '../../workflows/workflow-fixtures.test-helpers.js';
import type { RunHandler } from '../queue.js';
import { describeRunQueueContract } from '../run-queue.contract.js';
import { succeed, useRunQueueFixture } from '../run-queue-fixture.test-helpers.js';
import { BullMqRunQueue, type BullMqRunQueueOptions } from './bullmq-run-queue.js';

// Every case has keys of its own in the shared Redis, deleted after its queues stopped.
let redis: ReturnType<typeof testRedisPrefix>;
beforeEach(() => {
  redis = testRedisPrefix();
});
afterEach(async () => {
  await redis.cleanup();
});

// Polls are left out of the way (a minute): the cases see what enqueue and start do.
describeRunQueueContract(
  'BullMqRunQueue',
  (options) =>
    new BullMqRunQueue({
      ...options,
      logger: silentLogger,
      redisUrl: TEST_REDIS_URL,
      prefix: redis.prefix,
      pollIntervalMs: 60_000,
    }),
);

describe('BullMqRunQueue', () => {
  const fixture = useRunQueueFixture();
  const { clock, queued, get, ended } = fixture;

  function queue(handler: RunHandler, options: Partial<BullMqRunQueueOptions> = {}): BullMqRunQueue {
    return fixture.track(
      new BullMqRunQueue({
        store: fixture.store(),
        handler,
        clock,
        logger: silentLogger,
        redisUrl: TEST_REDIS_URL,
        prefix: redis.prefix,
        pollIntervalMs: 60_000,
        ...options,
      }),
    );
  }

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

  it('a poll sweep starts a run stored as queued after start whose enqueue never came', async () => {
    const worker = queue(succeed, { pollIntervalMs: 50 });
    await worker.start();
    // The sweeps of start are done first, so only a poll's sweep can find the run.
    const jobs = new Queue('runs', { connection: { host: '127.0.0.1', port: 6379 }, prefix: redis.prefix });
    try {
      await eventually('the sweeps of start to end', async () => {
        const counts = await jobs.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((count) => count === 0) ? true : undefined;
      });
    } finally {
      await jobs.close();
    }
    const [run] = await queued(1);
    await ended([run!]);
    expect(await get(run!.id)).toMatchObject({ status: 'succeeded', workerId: worker.workerId });
  });
});
