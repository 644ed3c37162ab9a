import type { Clock, Logger } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { type IntervalTimers, type PeriodicJob, periodicJob } from '../subscriptions/periodic-job.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs, or schedule fires, deleted per statement: one short write at a time, so SQLite's single
 * writer is never held long.
 */
export const RUN_RETENTION_BATCH = 500;
/** Statements per pass and per table at most; a larger backlog is worked off over the next passes. */
export const RUN_RETENTION_MAX_BATCHES = 200;

/** Lets timers and I/O run between two batches: better-sqlite3 blocks the thread while it writes. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Deletes finished runs (succeeded or failed) with their traces once they finished more than
 * `maxRunAgeDays` ago, in batches of {@link RUN_RETENTION_BATCH}; queued and running runs are
 * never touched. Then, in batches as well, the schedule fires scheduled before that same cutoff,
 * except each schedule trigger's latest, from which the scheduler catches up after a restart.
 * Runs every 10 minutes by default; the composition root starts and stops it.
 */
export function runRetention(options: {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: { readonly retention: Pick<Config['retention'], 'maxRunAgeDays'> };
  readonly intervalMs?: number;
  readonly timers?: IntervalTimers;
  /** Rows per statement; tests make it small. */
  readonly batchSize?: number;
}): PeriodicJob {
  const { store, clock, logger, config } = options;
  const batchSize = options.batchSize ?? RUN_RETENTION_BATCH;
  return periodicJob({
    name: 'run retention',
    intervalMs: options.intervalMs ?? 10 * 60 * 1000,
    logger,
    ...(options.timers ? { timers: options.timers } : {}),
    work: async () => {
      // One cutoff for the whole pass, so its batches agree on what is old.
      const cutoff = new Date(clock.now() - config.retention.maxRunAgeDays * DAY_MS);
      const deleted = await inBatches(batchSize, (limit) =>
        store.runs.deleteFinished({ finishedBefore: cutoff, limit }),
      );
      if (deleted > 0) logger.info({ deleted, finishedBefore: cutoff }, 'old runs pruned');
      await yieldToEventLoop();
      const fires = await inBatches(batchSize, (limit) =>
        store.schedules.pruneFires({ firedBefore: cutoff, limit }),
      );
      if (fires > 0) logger.info({ deleted: fires, firedBefore: cutoff }, 'old schedule fires pruned');
    },
  });
}

/**
 * Calls `deleteBatch` until it deletes fewer than `batchSize` (nothing is left) or
 * {@link RUN_RETENTION_MAX_BATCHES} calls, yielding between two; answers how many went.
 */
async function inBatches(
  batchSize: number,
  deleteBatch: (limit: number) => Promise<number>,
): Promise<number> {
  let deleted = 0;
  for (let batch = 0; batch < RUN_RETENTION_MAX_BATCHES; batch += 1) {
    if (batch > 0) await yieldToEventLoop();
    const count = await deleteBatch(batchSize);
    deleted += count;
    if (count < batchSize) break;
  }
  return deleted;
}
