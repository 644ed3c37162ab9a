import { fixedClock } from '@tripline/sdk';
import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/config.js';
import type { Store } from '../store/store.js';
import { silentLogger } from '../subscriptions/subscription-fixture.test-helpers.js';
import { RUN_RETENTION_BATCH, RUN_RETENTION_MAX_BATCHES, runRetention } from './run-retention.js';

type DeleteFinished = Store['runs']['deleteFinished'];
type PruneFires = Store['schedules']['pruneFires'];

function storeWith(deleteFinished: DeleteFinished, pruneFires: PruneFires = async () => 0): Store {
  return { runs: { deleteFinished }, schedules: { pruneFires } } as unknown as Store;
}

describe('runRetention', () => {
  const clock = fixedClock(Date.parse('2026-03-31T00:00:00Z'));
  const config = { retention: { maxRunAgeDays: 30 } };

  it('deletes runs finished before the configured age, batch after batch until one is short', async () => {
    const answers = [3, 3, 1];
    const deleteFinished = vi.fn<DeleteFinished>(async () => answers.shift() ?? 0);
    const infos: unknown[] = [];
    const logger = { ...silentLogger, info: (fields: object) => infos.push(fields) };
    const job = runRetention({ store: storeWith(deleteFinished), clock, logger, config, batchSize: 3 });
    await job.runOnce();
    const cutoff = new Date('2026-03-01T00:00:00Z');
    expect(deleteFinished.mock.calls).toEqual([
      [{ finishedBefore: cutoff, limit: 3 }],
      [{ finishedBefore: cutoff, limit: 3 }],
      [{ finishedBefore: cutoff, limit: 3 }],
    ]);
    expect(infos).toEqual([{ deleted: 7, finishedBefore: cutoff }]);
  });

  it('deletes 500 runs and fires per statement by default and logs nothing when nothing is old', async () => {
    const deleteFinished = vi.fn<DeleteFinished>(async () => 0);
    const pruneFires = vi.fn<PruneFires>(async () => 0);
    const info = vi.fn();
    const job = runRetention({
      store: storeWith(deleteFinished, pruneFires),
      clock,
      logger: { ...silentLogger, info },
      config,
    });
    await job.runOnce();
    expect(deleteFinished).toHaveBeenCalledTimes(1);
    expect(deleteFinished.mock.calls[0]?.[0].limit).toBe(RUN_RETENTION_BATCH);
    expect(pruneFires).toHaveBeenCalledTimes(1);
    expect(pruneFires.mock.calls[0]?.[0].limit).toBe(RUN_RETENTION_BATCH);
    expect(RUN_RETENTION_BATCH).toBe(500);
    expect(info).not.toHaveBeenCalled();
  });

  it('lets the event loop run between batches', async () => {
    const events: string[] = [];
    let calls = 0;
    const deleteFinished = vi.fn<DeleteFinished>(async () => {
      calls += 1;
      events.push(`batch ${calls}`);
      if (calls === 1) setImmediate(() => events.push('io'));
      return calls < 3 ? 2 : 0;
    });
    const job = runRetention({
      store: storeWith(deleteFinished),
      clock,
      logger: silentLogger,
      config,
      batchSize: 2,
    });
    await job.runOnce();
    expect(events).toEqual(['batch 1', 'io', 'batch 2', 'batch 3']);
  });

  it('ends a pass after a bounded number of batches; the next pass goes on', async () => {
    const deleteFinished = vi.fn<DeleteFinished>(async () => 1);
    const job = runRetention({
      store: storeWith(deleteFinished),
      clock,
      logger: silentLogger,
      config,
      batchSize: 1,
    });
    await job.runOnce();
    expect(deleteFinished).toHaveBeenCalledTimes(RUN_RETENTION_MAX_BATCHES);
    await job.runOnce();
    expect(deleteFinished).toHaveBeenCalledTimes(2 * RUN_RETENTION_MAX_BATCHES);
  });

  it('prunes schedule fires older than the same cutoff in batches, after the runs, yielding between', async () => {
    const events: string[] = [];
    const deleteFinished = vi.fn<DeleteFinished>(async () => {
      events.push('runs');
      setImmediate(() => events.push('io'));
      return 1;
    });
    const answers = [3, 3, 2];
    const pruneFires = vi.fn<PruneFires>(async () => {
      events.push('fires');
      const count = answers.shift() ?? 0;
      // A short batch is the last: nothing runs after it to let the callback in.
      if (count === 3) setImmediate(() => events.push('io'));
      return count;
    });
    const infos: [object, string][] = [];
    const logger = {
      ...silentLogger,
      info: (fields: object, message: string) => infos.push([fields, message]),
    };
    const job = runRetention({
      store: storeWith(deleteFinished, pruneFires),
      clock,
      logger,
      config,
      batchSize: 3,
    });
    await job.runOnce();
    const cutoff = new Date('2026-03-01T00:00:00Z');
    expect(pruneFires.mock.calls).toEqual([
      [{ firedBefore: cutoff, limit: 3 }],
      [{ firedBefore: cutoff, limit: 3 }],
      [{ firedBefore: cutoff, limit: 3 }],
    ]);
    expect(events).toEqual(['runs', 'io', 'fires', 'io', 'fires', 'io', 'fires']);
    expect(infos).toEqual([
      [{ deleted: 1, finishedBefore: cutoff }, 'old runs pruned'],
      [{ deleted: 8, firedBefore: cutoff }, 'old schedule fires pruned'],
    ]);
  });

  it('ends the fires of a pass after a bounded number of batches too', async () => {
    const pruneFires = vi.fn<PruneFires>(async () => 1);
    const job = runRetention({
      store: storeWith(async () => 0, pruneFires),
      clock,
      logger: silentLogger,
      config,
      batchSize: 1,
    });
    await job.runOnce();
    expect(pruneFires).toHaveBeenCalledTimes(RUN_RETENTION_MAX_BATCHES);
  });

  it('logs a failed pass instead of throwing', async () => {
    const errors: string[] = [];
    const logger = { ...silentLogger, error: (_fields: object, message: string) => errors.push(message) };
    const deleteFinished = vi.fn<DeleteFinished>(async () => {
      throw new Error('database is locked');
    });
    await runRetention({ store: storeWith(deleteFinished), clock, logger, config }).runOnce();
    expect(errors).toEqual(['run retention failed']);
  });
});

describe('TRIPLINE_RUN_RETENTION_DAYS', () => {
  it('defaults to 30 days and takes whole days from 1', () => {
    expect(loadConfig({}, '/srv').retention.maxRunAgeDays).toBe(30);
    expect(loadConfig({ TRIPLINE_RUN_RETENTION_DAYS: '1' }, '/srv').retention.maxRunAgeDays).toBe(1);
    for (const refused of ['0', '1.5', 'forever']) {
      expect(() => loadConfig({ TRIPLINE_RUN_RETENTION_DAYS: refused }, '/srv')).toThrow(
        `TRIPLINE_RUN_RETENTION_DAYS="${refused}" must be a whole number from 1 to 3650`,
      );
    }
  });
});
