import { randomBytes, randomUUID } from 'node:crypto';

/** Endpoint, subscription and workspace ids: random UUIDs, unguessable (they guard the ingress). */
export function newId(): string {
  return randomUUID();
}

let lastMs = 0;
let sequence = 0;

/**
 * A UUIDv7: time-ordered so request logs sort as they arrived. Within one millisecond a counter in
 * the random bits keeps ids of this process strictly increasing.
 */
export function newTimeOrderedId(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    sequence += 1;
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    sequence = 0;
  }
  const bytes = randomBytes(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** API tokens: a recognisable prefix and 32 random bytes; only their SHA-256 is stored. */
export function newApiToken(): string {
  return `tl_${randomBytes(32).toString('base64url')}`;
}
