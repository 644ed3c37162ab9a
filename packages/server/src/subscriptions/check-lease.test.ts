import { describe, expect, it } from 'vitest';
import { isHeldLease, leaseEnd, scheduledAt } from './check-lease.js';

const LEASE = 5 * 60_000;
const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('check leases', () => {
  it('scheduled times are even and lease ends odd, whatever millisecond they start from', () => {
    for (const ms of [NOW, NOW + 1, NOW + 2, NOW + 999]) {
      expect(scheduledAt(ms).getTime() % 2).toBe(0);
      expect(leaseEnd(ms).getTime() % 2).toBe(1);
      expect(Math.abs(scheduledAt(ms).getTime() - ms)).toBeLessThanOrEqual(1);
      expect(Math.abs(leaseEnd(ms).getTime() - ms)).toBeLessThanOrEqual(1);
    }
  });

  it('a lease is held until it ends; a schedule never counts as one', () => {
    const lease = leaseEnd(NOW + LEASE);
    expect(isHeldLease(lease, NOW, LEASE)).toBe(true);
    expect(isHeldLease(lease, lease.getTime() - 1, LEASE)).toBe(true);
    expect(isHeldLease(lease, lease.getTime(), LEASE)).toBe(false);
    expect(isHeldLease(scheduledAt(NOW + 60_000), NOW, LEASE)).toBe(false);
    expect(isHeldLease(null, NOW, LEASE)).toBe(false);
  });

  it('an odd time further out than one lease is an old schedule, not a lease', () => {
    expect(isHeldLease(new Date(NOW + 6 * 60 * 60_000 + 1), NOW, LEASE)).toBe(false);
  });
});
