import type { Clock, Logger } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import type { Store } from '../store/store.js';
import { type IntervalTimers, type PeriodicJob, periodicJob } from '../subscriptions/periodic-job.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps request logs bounded: at most `maxLogsPerEndpoint` per endpoint and none older than
 * `maxLogAgeDays` (pending deliveries are never pruned; the store guarantees it). Runs every
 * 10 minutes by default; the composition root starts and stops it.
 */
export function logRetention(options: {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly config: { readonly retention: Pick<Config['retention'], 'maxLogsPerEndpoint' | 'maxLogAgeDays'> };
  readonly intervalMs?: number;
  readonly timers?: IntervalTimers;
}): PeriodicJob {
  const { store, clock, logger, config } = options;
  return periodicJob({
    name: 'request log retention',
    intervalMs: options.intervalMs ?? 10 * 60 * 1000,
    logger,
    ...(options.timers ? { timers: options.timers } : {}),
    work: async () => {
      const deleted = await store.requestLogs.prune({
        maxPerEndpoint: config.retention.maxLogsPerEndpoint,
        olderThan: new Date(clock.now() - config.retention.maxLogAgeDays * DAY_MS),
      });
      if (deleted > 0) logger.info({ deleted }, 'old request logs pruned');
    },
  });
}
