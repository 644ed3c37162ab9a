import type { Clock, Logger } from '@tripline/sdk';
import type { Store } from '../store/store.js';
import { type IntervalTimers, type PeriodicJob, periodicJob } from './periodic-job.js';

/** What every expired-rows cleanup is built from; the composition root passes the same to each. */
export interface ExpiredRowsCleanupOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Default 5 minutes. */
  readonly intervalMs?: number;
  readonly timers?: IntervalTimers;
}

/** One kind of row a cleanup deletes once expired. */
export interface ExpiredRows {
  /** Deletes the rows expired at `now`; resolves to how many went. */
  readonly deleteExpired: (now: Date) => Promise<number>;
  /** Logged with the count, only when some were deleted. */
  readonly deletedMessage: string;
}

/**
 * A periodic job that deletes the given kinds of expired rows, in order, and logs how many of
 * each went. One `now` per pass, so its kinds agree on what is expired.
 */
export function expiredRowsCleanup(
  options: ExpiredRowsCleanupOptions & { readonly name: string; readonly rows: readonly ExpiredRows[] },
): PeriodicJob {
  const { clock, logger } = options;
  return periodicJob({
    name: options.name,
    intervalMs: options.intervalMs ?? 5 * 60 * 1000,
    logger,
    ...(options.timers ? { timers: options.timers } : {}),
    work: async () => {
      const now = new Date(clock.now());
      for (const rows of options.rows) {
        const deleted = await rows.deleteExpired(now);
        if (deleted > 0) logger.info({ deleted }, rows.deletedMessage);
      }
    },
  });
}
