import type { SubscriptionRecord } from '../store/records.js';
import { type IntervalTimers, type PeriodicJob, periodicJob } from './periodic-job.js';
import { SubscriptionChecker } from './subscription-checker.js';
import type { SubscriptionServicesOptions } from './subscription-services-options.js';

export interface SubscriptionReconcilerOptions extends SubscriptionServicesOptions {
  /** How often due checks are looked for. Default 60 s. */
  readonly intervalMs?: number;
  /** Due subscriptions taken per read. Default 50. */
  readonly batchSize?: number;
  /** Reads per pass at most, so a large backlog is worked off over a few passes. Default 10. */
  readonly maxBatchesPerPass?: number;
  /** Checks running at once; each talks to an external system. Default 4. */
  readonly concurrency?: number;
  readonly timers?: IntervalTimers;
  readonly checker?: SubscriptionChecker;
}

/** What one pass did. */
export interface ReconcileSummary {
  /** Due subscriptions read. */
  readonly due: number;
  /** Checked by this reconciler. */
  readonly checked: number;
  /** Claimed by another reconciler first. */
  readonly skipped: number;
}

export interface SubscriptionReconciler extends PeriodicJob {
  /** One pass at the clock's time. */
  reconcile(): Promise<ReconcileSummary>;
}

/**
 * Keeps automatic subscriptions' external webhooks alive: every pass takes the subscriptions whose
 * check is due, claims each (so that of several reconcilers sharing a database one checks it) and
 * checks them a few at a time. One subscription's failure is recorded on it and never stops the
 * others. Runs in the process with the `scheduler` role.
 */
export function subscriptionReconciler(options: SubscriptionReconcilerOptions): SubscriptionReconciler {
  const checker = options.checker ?? new SubscriptionChecker(options);
  const batchSize = options.batchSize ?? 50;
  const maxBatches = options.maxBatchesPerPass ?? 10;
  const concurrency = Math.max(1, options.concurrency ?? 4);

  const checkOne = async (record: SubscriptionRecord): Promise<boolean> => {
    try {
      const lease = await checker.claim(record);
      if (!lease) return false;
      try {
        await checker.check(record);
      } finally {
        await checker.release(lease);
      }
      return true;
    } catch (error) {
      options.logger.error(
        { err: error, subscriptionId: record.id, workspaceId: record.workspaceId },
        'subscription check could not be recorded',
      );
      return true;
    }
  };

  const reconcile = async (): Promise<ReconcileSummary> => {
    let due = 0;
    let checked = 0;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const records = await options.store.subscriptions.listDue(new Date(options.clock.now()), batchSize);
      due += records.length;
      const results = await eachLimited(records, concurrency, checkOne);
      checked += results.filter(Boolean).length;
      // Claimed or checked records are no longer due, so a full batch means more may wait.
      if (records.length < batchSize) break;
    }
    if (due > 0) options.logger.debug({ due, checked }, 'subscription checks done');
    return { due, checked, skipped: due - checked };
  };

  const job = periodicJob({
    name: 'subscription reconciler',
    intervalMs: options.intervalMs ?? 60_000,
    logger: options.logger,
    ...(options.timers ? { timers: options.timers } : {}),
    work: async () => {
      await reconcile();
    },
  });
  return { ...job, reconcile };
}

/** Runs `work` over the items with at most `limit` at once, answering results in item order. */
async function eachLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next;
      next += 1;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
