import { describe, expect, it } from 'vitest';
import { constantTimeEqual, decodeHex } from './constant-time.js';

describe('constantTimeEqual', () => {
  it('is true only for equal bytes', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 3))).toBe(true);
    expect(constantTimeEqual(Uint8Array.of(1, 2, 3), Uint8Array.of(1, 2, 4))).toBe(false);
  });

  it('is false for different lengths instead of throwing', () => {
    expect(constantTimeEqual(Uint8Array.of(1, 2), Uint8Array.of(1, 2, 3))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(), Uint8Array.of(0))).toBe(false);
  });
});

describe('decodeHex', () => {
  it('decodes either case', () => {
    expect([...(decodeHex('0aFf') ?? [])]).toEqual([10, 255]);
  });

  it.each(['abc', 'zz', '0x00', ' 00'])('returns undefined for "%s"', (text) => {
    expect(decodeHex(text)).toBeUndefined();
  });
});
