/**
 * Time is injected everywhere it matters, so tests can hold it still.
 *
 * @example
 * function isExpired(expiresAt: Date, clock: Clock): boolean {
 *   return expiresAt.getTime() <= clock.now();
 * }
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/**
 * The real time, for production wiring; tests pass {@link fixedClock} instead.
 *
 * @example
 * const result = verifySignature(scheme, request, systemClock);
 */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock tests set and move by hand.
 *
 * @example
 * const clock = fixedClock(Date.parse('2026-01-01T00:00:00Z'));
 * clock.advance(1000);
 */
export function fixedClock(startMs: number): Clock & { advance(ms: number): void; set(ms: number): void } {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
  };
}
