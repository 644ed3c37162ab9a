import type { Clock, Logger } from '@tripline/sdk';
import type { Store } from '../store/store.js';

/** What a queue adapter's worker needs to say it is alive and to notice workers that are not. */
export interface WorkerLivenessOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly logger: Logger;
  /** This worker: its own runs are never abandoned. */
  readonly workerId: string;
  /** A running run whose worker was silent this long is failed as abandoned. */
  readonly staleAfterMs: number;
}

/** Why an abandoned run failed: its nodes may have had effects, so it is never started again. */
const INTERRUPTED_REASON =
  'interrupted: the process running it stopped before it finished; its nodes may have run in part, so it is not restarted by itself (retry it)';

/**
 * Fails runs left running by a worker that is gone: with `everyOther` (at start, when this process
 * is the only one), every one of another worker; otherwise those whose worker stopped heartbeating.
 * Answers the failed runs' ids; a store error is logged (the next pass tries again).
 */
export async function failAbandonedRuns(
  options: WorkerLivenessOptions,
  everyOther = false,
): Promise<readonly string[]> {
  const { store, clock, logger, workerId, staleAfterMs } = options;
  const now = clock.now();
  try {
    const failed = await store.runs.failAbandoned({
      ...(everyOther ? {} : { staleBefore: new Date(now - staleAfterMs) }),
      exceptWorkerId: workerId,
      reason: INTERRUPTED_REASON,
      now: new Date(now),
    });
    if (failed.length > 0)
      logger.warn({ runs: failed }, 'runs left running by a stopped process were failed');
    return failed;
  } catch (error) {
    logger.error({ err: error }, 'looking for abandoned runs failed');
    return [];
  }
}

/** Tells the store this worker is alive (it holds runs); a failure is logged, not thrown. */
export async function heartbeat(options: WorkerLivenessOptions): Promise<void> {
  try {
    await options.store.runs.heartbeat(options.workerId, new Date(options.clock.now()));
  } catch (error) {
    options.logger.warn({ err: error }, 'the run heartbeat failed');
  }
}
