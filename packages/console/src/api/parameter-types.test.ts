import { describe, expect, it } from 'vitest';
import { isEmptyParameterValue } from './parameter-types.js';

describe('isEmptyParameterValue', () => {
  it('takes undefined, the empty string and the empty list as empty', () => {
    expect(isEmptyParameterValue(undefined)).toBe(true);
    expect(isEmptyParameterValue('')).toBe(true);
    expect(isEmptyParameterValue([])).toBe(true);
  });

  it('takes false and 0 as values', () => {
    expect(isEmptyParameterValue(false)).toBe(false);
    expect(isEmptyParameterValue(0)).toBe(false);
    expect(isEmptyParameterValue(['opened'])).toBe(false);
    expect(isEmptyParameterValue(' ')).toBe(false);
  });
});
