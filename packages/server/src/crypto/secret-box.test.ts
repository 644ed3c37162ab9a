import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SealedValueError, SecretBox } from './secret-box.js';

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('opens what it sealed, and each seal of the same text differs', () => {
    const first = box.seal('s3cret');
    expect(box.open(first)).toBe('s3cret');
    expect(box.seal('s3cret')).not.toBe(first);
    expect(box.open(box.seal(''))).toBe('');
  });

  it('refuses a value sealed under another key or tampered with', () => {
    const sealed = box.seal('s3cret');
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(SealedValueError);
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('AA') ? 'BB' : 'AA'}`;
    expect(() => box.open(tampered)).toThrow(SealedValueError);
  });

  it('recognizes only the exact shape of a sealed value, not a user string that looks alike', () => {
    expect(SecretBox.isSealed(box.seal('x'))).toBe(true);
    expect(SecretBox.isSealed(box.seal(''))).toBe(true);
    for (const lookalike of [
      'v1.2.3.4',
      'v1.a.b.c',
      'v1...',
      `v1.${'A'.repeat(16)}.${'B'.repeat(21)}.x`,
      42,
      null,
    ]) {
      expect(SecretBox.isSealed(lookalike)).toBe(false);
    }
  });

  it('refuses keys that are not 32 bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(RangeError);
  });
});
