import type { Clock, Logger } from '@tripline/sdk';
import type { Store } from '../store/store.js';
import { type IntervalTimers, type PeriodicJob, periodicJob } from '../subscriptions/periodic-job.js';

/**
 * Deletes OAuth states whose authorization was never finished, and confirmations nobody
 * confirmed (their sealed tokens with them), every few minutes (default 5).
 */
export function oauthStateCleanup(options: {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly intervalMs?: number;
  readonly timers?: IntervalTimers;
}): PeriodicJob {
  return periodicJob({
    name: 'oauth state cleanup',
    intervalMs: options.intervalMs ?? 5 * 60 * 1000,
    logger: options.logger,
    ...(options.timers ? { timers: options.timers } : {}),
    work: async () => {
      const now = new Date(options.clock.now());
      const deleted = await options.store.oauthStates.deleteExpired(now);
      if (deleted > 0) options.logger.info({ deleted }, 'expired oauth states deleted');
      const unconfirmed = await options.store.oauthConfirmations.deleteExpired(now);
      if (unconfirmed > 0)
        options.logger.info({ deleted: unconfirmed }, 'unconfirmed oauth authorizations deleted');
    },
  });
}
