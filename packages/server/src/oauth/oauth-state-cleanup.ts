import { type ExpiredRowsCleanupOptions, expiredRowsCleanup } from '../subscriptions/expired-rows-cleanup.js';
import type { PeriodicJob } from '../subscriptions/periodic-job.js';

/**
 * Deletes OAuth states whose authorization was never finished, and confirmations nobody
 * confirmed (their sealed tokens with them), every few minutes (default 5).
 */
export function oauthStateCleanup(options: ExpiredRowsCleanupOptions): PeriodicJob {
  const { store } = options;
  return expiredRowsCleanup({
    ...options,
    name: 'oauth state cleanup',
    rows: [
      {
        deleteExpired: (now) => store.oauthStates.deleteExpired(now),
        deletedMessage: 'expired oauth states deleted',
      },
      {
        deleteExpired: (now) => store.oauthConfirmations.deleteExpired(now),
        deletedMessage: 'unconfirmed oauth authorizations deleted',
      },
    ],
  });
}
