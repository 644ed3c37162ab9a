import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { checkTimestamp, parseUnixSeconds } from './timestamp.js';

describe('parseUnixSeconds', () => {
  it('reads whole seconds', () => {
    expect(parseUnixSeconds('1700000000')).toBe(1_700_000_000);
  });

  it.each(['', '-1', '1.5', '1e9', ' 1', '0x10', '9'.repeat(16)])('refuses "%s"', (text) => {
    expect(parseUnixSeconds(text)).toBeUndefined();
  });
});

describe('checkTimestamp', () => {
  const clock = fixedClock(1_000_000 * 1000);
  const check = (seconds: number, toleranceSeconds?: number) =>
    checkTimestamp({ seconds, source: 'ts', clock, toleranceSeconds });

  it('accepts differences up to the tolerance, both ways', () => {
    expect([check(1_000_000 - 300), check(1_000_000 + 300), check(1_000_000 - 10, 10)]).toEqual([
      { ok: true },
      { ok: true },
      { ok: true },
    ]);
  });

  it('refuses differences beyond it, naming the source and the tolerance', () => {
    expect(check(1_000_000 - 11, 10)).toEqual({
      ok: false,
      reason: 'ts is 11 s old, outside the tolerance of 10 s',
    });
    expect(check(1_000_000 + 400)).toEqual({
      ok: false,
      reason: 'ts is 400 s in the future, outside the tolerance of 300 s',
    });
  });

  it('refuses a tolerance that is not a non-negative number', () => {
    expect(check(1_000_000, Number.NaN).ok).toBe(false);
  });
});
