import type { Clock } from '../clock.js';
import type { VerifyResult } from '../integration.js';

/**
 * Five minutes, what Stripe, Slack and Standard Webhooks each recommend.
 *
 * @example
 * const scheme: SignatureScheme = { kind: 'slack', secret, toleranceSeconds: 2 * DEFAULT_TOLERANCE_SECONDS };
 */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const SECONDS_PATTERN = /^\d{1,15}$/;

/** Reads a Unix time in whole seconds; undefined for anything else, so bad input never throws. */
export function parseUnixSeconds(text: string): number | undefined {
  return SECONDS_PATTERN.test(text) ? Number(text) : undefined;
}

/**
 * Refuses a signed timestamp too far from now in either direction: too old is a replay, too new is
 * a sender whose clock is off or a signature made ahead of time.
 */
export function checkTimestamp(input: {
  readonly seconds: number;
  /** Where the timestamp came from, for the reason: `Stripe-Signature t`, `webhook-timestamp`. */
  readonly source: string;
  readonly clock: Clock;
  readonly toleranceSeconds: number | undefined;
}): VerifyResult {
  const tolerance = input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    return { ok: false, reason: `toleranceSeconds must be a non-negative number, got ${tolerance}` };
  }
  const skew = Math.round(input.clock.now() / 1000 - input.seconds);
  if (Math.abs(skew) <= tolerance) return { ok: true };
  const age = skew > 0 ? `${skew} s old` : `${-skew} s in the future`;
  return { ok: false, reason: `${input.source} is ${age}, outside the tolerance of ${tolerance} s` };
}
