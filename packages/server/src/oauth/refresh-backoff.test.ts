import { describe, expect, it } from 'vitest';
import { REFRESH_BACKOFF_BASE_MS, REFRESH_BACKOFF_MAX_MS, refreshBackoffMs } from './refresh-backoff.js';

describe('refresh backoff', () => {
  it('starts at a minute and doubles with each failure in a row, up to an hour', () => {
    const exact = () => 0.5;
    expect([1, 2, 3, 4, 5, 6, 7, 8, 40].map((failures) => refreshBackoffMs(failures, exact))).toEqual([
      60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000,
    ]);
  });

  it('jitters within ±20%, never under a minute nor over an hour', () => {
    expect(refreshBackoffMs(3, () => 0)).toBe(192_000);
    expect(refreshBackoffMs(3, () => 1)).toBe(288_000);
    expect(refreshBackoffMs(1, () => 0)).toBe(REFRESH_BACKOFF_BASE_MS);
    expect(refreshBackoffMs(9, () => 1)).toBe(REFRESH_BACKOFF_MAX_MS);
  });
});
