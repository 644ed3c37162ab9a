import { describe, expect, it } from 'vitest';
import { newTimeOrderedId } from '../../domain/ids.js';
import { timeOrderedIdFloor } from './time-ordered-id-floor.js';

describe('timeOrderedIdFloor', () => {
  it('sorts above every id made before its millisecond and at or below those made from it on', () => {
    // Increasing times: newTimeOrderedId never goes back within a process.
    const base = Date.now() + 60_000;
    const before = newTimeOrderedId(base - 1);
    const at = newTimeOrderedId(base);
    const after = newTimeOrderedId(base + 1);
    const floor = timeOrderedIdFloor(base);
    expect([after, floor, at, before].sort()).toEqual([before, floor, at, after]);
    expect(floor).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-0000-0000-000000000000$/);
    expect(floor.slice(0, 13)).toBe(at.slice(0, 13));
  });

  it('is fixed-width for small times', () => {
    expect(timeOrderedIdFloor(0)).toBe('00000000-0000-0000-0000-000000000000');
    expect(timeOrderedIdFloor(0x1_0000)).toBe('00000001-0000-0000-0000-000000000000');
  });
});
