import { describe, expect, it } from 'vitest';
import { backoffDelay, checkPolicy } from './check-policy.js';

const MINUTE = 60_000;

describe('backoffDelay', () => {
  const policy = checkPolicy();

  it('doubles from one minute with each failure in a row', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 5].map((failures) => backoffDelay(policy, failures, middle))).toEqual([
      MINUTE,
      2 * MINUTE,
      4 * MINUTE,
      8 * MINUTE,
      16 * MINUTE,
    ]);
  });

  it('is capped at six hours however many failures there were', () => {
    expect(backoffDelay(policy, 40, () => 0.5)).toBe(6 * 60 * MINUTE);
    expect(backoffDelay(policy, 1000, () => 0.99)).toBe(6 * 60 * MINUTE);
  });

  it('spreads waits by up to a fifth either way, never below the base', () => {
    expect(backoffDelay(policy, 4, () => 0)).toBe(0.8 * 8 * MINUTE);
    expect(backoffDelay(policy, 4, () => 0.999_999)).toBeCloseTo(1.2 * 8 * MINUTE, -2);
    expect(backoffDelay(policy, 1, () => 0)).toBe(MINUTE);
  });

  it('never waits less than a second, whatever the overrides say', () => {
    const spinning = checkPolicy({ intervalMs: 0, backoffBaseMs: -5, backoffMaxMs: 0, leaseMs: Number.NaN });
    expect(spinning).toMatchObject({
      intervalMs: 1000,
      backoffBaseMs: 1000,
      backoffMaxMs: 1000,
      leaseMs: 1000,
    });
    expect(backoffDelay(spinning, 1, () => 0)).toBe(1000);
  });

  it('takes the overrides a caller gives', () => {
    const fast = checkPolicy({ backoffBaseMs: 1000, backoffMaxMs: 5000 });
    expect(backoffDelay(fast, 10, () => 0.5)).toBe(5000);
    expect(fast.intervalMs).toBe(15 * MINUTE);
  });
});
