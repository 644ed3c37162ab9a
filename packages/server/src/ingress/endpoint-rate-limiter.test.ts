import { fixedClock } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { EndpointRateLimiter } from './endpoint-rate-limiter.js';

describe('EndpointRateLimiter', () => {
  it('lets a burst through, then says how long to wait', () => {
    const clock = fixedClock(0);
    const limiter = new EndpointRateLimiter({ ratePerSecond: 2, burst: 3, clock });
    expect([1, 2, 3].map(() => limiter.take('a'))).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(500);
    clock.advance(200);
    expect(limiter.take('a')).toBe(300);
    clock.advance(300);
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(500);
  });

  it('keeps one bucket per endpoint', () => {
    const limiter = new EndpointRateLimiter({ ratePerSecond: 1, burst: 1, clock: fixedClock(0) });
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBeGreaterThan(0);
    expect(limiter.take('b')).toBe(0);
  });

  it('refills no further than the burst', () => {
    const clock = fixedClock(0);
    const limiter = new EndpointRateLimiter({ ratePerSecond: 10, burst: 2, clock });
    limiter.take('a');
    clock.advance(60_000);
    expect([1, 2, 3].map(() => limiter.take('a') === 0)).toEqual([true, true, false]);
  });

  it('bounds memory, forgetting idle endpoints before busy ones', () => {
    const clock = fixedClock(0);
    const limiter = new EndpointRateLimiter({ ratePerSecond: 1, burst: 2, clock, maxTracked: 10 });
    limiter.take('busy');
    limiter.take('busy');
    for (let i = 0; i < 9; i += 1) limiter.take(`idle-${i}`);
    clock.advance(1000);
    limiter.take('newcomer');
    expect(limiter.size).toBe(2);
    // A forgotten bucket would start full (two requests); the kept one has refilled only one token.
    expect(limiter.take('busy')).toBe(0);
    expect(limiter.take('busy')).toBe(1000);
  });

  it('stays within its bound when every endpoint is busy', () => {
    const limiter = new EndpointRateLimiter({
      ratePerSecond: 1,
      burst: 1,
      clock: fixedClock(0),
      maxTracked: 10,
    });
    for (let i = 0; i < 1000; i += 1) limiter.take(`flood-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(10);
  });

  it('rejects settings that would never let a request through', () => {
    expect(() => new EndpointRateLimiter({ ratePerSecond: 0, burst: 1, clock: fixedClock(0) })).toThrow(
      /ratePerSecond must be above 0/,
    );
    expect(() => new EndpointRateLimiter({ ratePerSecond: 1, burst: 0, clock: fixedClock(0) })).toThrow(
      /burst must be at least 1/,
    );
  });
});
