import type { Clock, Logger } from '@tripline/sdk';
import type { Store } from '../store/store.js';
import { type IntervalTimers, type PeriodicJob, periodicJob } from './periodic-job.js';

/** Deletes expired subscription builders every few minutes (default 5). */
export function builderCleanup(options: {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs?: number;
  readonly timers?: IntervalTimers;
}): PeriodicJob {
  return periodicJob({
    name: 'builder cleanup',
    intervalMs: options.intervalMs ?? 5 * 60 * 1000,
    logger: options.logger,
    ...(options.timers ? { timers: options.timers } : {}),
    work: async () => {
      const deleted = await options.store.builders.deleteExpired(new Date(options.clock.now()));
      if (deleted > 0) options.logger.info({ deleted }, 'expired subscription builders deleted');
    },
  });
}
