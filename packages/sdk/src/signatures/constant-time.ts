import { timingSafeEqual } from 'node:crypto';

/**
 * Compares two byte strings in time that depends only on their lengths, so an attacker learns
 * nothing from how long a wrong signature takes to refuse.
 *
 * @example
 * constantTimeEqual(Buffer.from(received), Buffer.from(expected));
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

/** Decodes lower- or upper-case hex; undefined for anything else, so bad input never throws. */
export function decodeHex(text: string): Buffer | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) return undefined;
  return Buffer.from(text, 'hex');
}
