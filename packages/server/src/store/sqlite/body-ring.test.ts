import { describe, expect, it } from 'vitest';
import { BodyRing } from './body-ring.js';

describe('BodyRing', () => {
  it('reserve hands out consecutive regions until the ring is full', () => {
    const ring = new BodyRing(100);
    expect(ring.reserve(40)).toMatchObject({ start: 0, end: 40 });
    expect(ring.reserve(40)).toMatchObject({ start: 40, end: 80 });
    expect(ring.reserve(30)).toBeUndefined();
    expect(ring.reserve(20)).toMatchObject({ start: 80, end: 100 });
    expect(ring.reserve(101)).toBeUndefined();
  });

  it('reserve wraps to the start once the oldest regions are released', () => {
    const ring = new BodyRing(100);
    const a = ring.reserve(40)!;
    const b = ring.reserve(40)!;
    expect(ring.reserve(30)).toBeUndefined();
    ring.release(a);
    const c = ring.reserve(30)!;
    expect(c).toMatchObject({ start: 0, end: 30 });
    // Wrapped: only the gap between c and b is free.
    expect(ring.reserve(11)).toBeUndefined();
    expect(ring.reserve(10)).toMatchObject({ start: 30, end: 40 });
    ring.release(b);
  });

  it('release out of order frees space only when the oldest region is back', () => {
    const ring = new BodyRing(100);
    const a = ring.reserve(50)!;
    const b = ring.reserve(50)!;
    ring.release(b);
    expect(ring.reserve(10)).toBeUndefined();
    ring.release(a);
    expect(ring.reserve(100)).toMatchObject({ start: 0, end: 100 });
  });
});
