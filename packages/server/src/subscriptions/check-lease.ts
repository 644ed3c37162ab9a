import { HttpError } from '../domain/errors.js';

/**
 * A subscription's check is claimed by moving its one stored time, `nextCheckAt`, to the end of a
 * lease (store.subscriptions.claimCheck). A claim compares against the time its caller read, so
 * two claimers of a due check cannot both win; but a caller that read the record while someone
 * else held the lease would compare against the lease's end and win too. To tell a held lease
 * from a scheduled check, lease ends are odd milliseconds and scheduled times even ones: every
 * writer of `nextCheckAt` goes through {@link scheduledAt} or {@link leaseEnd}.
 */

/** A time a check is scheduled for, at `ms` or the millisecond before. */
export function scheduledAt(ms: number): Date {
  return new Date(ms - (ms % 2));
}

/** The end of a lease taken now for `leaseMs`: an odd millisecond at or just after `now + leaseMs`. */
export function leaseEnd(ms: number): Date {
  return new Date(ms - (ms % 2) + 1);
}

/**
 * Whether `nextCheckAt` is the end of a lease someone still holds: odd, in the future and no
 * further than one lease away (an odd time further out is an old schedule, not a lease).
 */
export function isHeldLease(nextCheckAt: Date | null, now: number, leaseMs: number): boolean {
  if (nextCheckAt === null) return false;
  const end = nextCheckAt.getTime();
  return end % 2 === 1 && end > now && end - now <= leaseMs + 1;
}

/** A claimed check: who may write the subscription's outbound state until `until`. */
export interface CheckLease {
  readonly subscriptionId: string;
  readonly until: Date;
  /** `nextCheckAt` before the claim, put back when the work is given up. */
  readonly previous: Date | null;
}

/** 409 while another caller checks, rebuilds or deletes the subscription's external webhook. */
export function checkInProgress(id: string): HttpError {
  return new HttpError(
    409,
    'check_in_progress',
    `subscription "${id}" is being checked or changed by another request right now; try again in a moment`,
  );
}
