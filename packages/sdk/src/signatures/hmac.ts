import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA256 over parts fed one after the other, so a body's raw bytes are signed as received
 * instead of being decoded and re-encoded into a string first.
 */
export function hmacSha256(key: string | Uint8Array, parts: readonly (string | Uint8Array)[]): Buffer {
  const hmac = createHmac('sha256', key);
  for (const part of parts) hmac.update(part);
  return hmac.digest();
}
