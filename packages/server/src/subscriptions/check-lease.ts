import { HttpError } from '../domain/errors.js';

/**
 * A claimed check: who may write the subscription's outbound state (its external webhook) until
 * `until`. The lease lives in its own column (store.subscriptions.claimCheck / releaseCheck), apart
 * from `nextCheckAt`, which only ever says when the next check is due.
 */
export interface CheckLease {
  readonly subscriptionId: string;
  readonly until: Date;
  /** False for manual subscriptions: nothing checks or rebuilds those, so nothing was stored. */
  readonly stored: boolean;
}

/** 409 while another caller checks, rebuilds or deletes the subscription's external webhook. */
export function checkInProgress(id: string): HttpError {
  return new HttpError(
    409,
    'check_in_progress',
    `subscription "${id}" is being checked or changed by another request right now; try again in a moment`,
  );
}
