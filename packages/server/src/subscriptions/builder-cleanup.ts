import { type ExpiredRowsCleanupOptions, expiredRowsCleanup } from './expired-rows-cleanup.js';
import type { PeriodicJob } from './periodic-job.js';

/**
 * Deletes expired subscription builders every few minutes (default 5). Not those whose automatic
 * build started: they may have left an external webhook, which abandoned-build-cleanup.ts removes
 * before it deletes them.
 */
export function builderCleanup(options: ExpiredRowsCleanupOptions): PeriodicJob {
  const { store } = options;
  return expiredRowsCleanup({
    ...options,
    name: 'builder cleanup',
    rows: [
      {
        deleteExpired: (now) => store.builders.deleteExpired(now),
        deletedMessage: 'expired subscription builders deleted',
      },
    ],
  });
}
