import { randomBytes, randomFillSync, randomUUID } from 'node:crypto';

/** Endpoint, subscription and workspace ids: random UUIDs, unguessable (they guard the ingress). */
export function newId(): string {
  return randomUUID();
}

let lastMs = 0;
let sequence = 0;
// Random bytes drawn 4 KiB at a time: one call into the CSPRNG per 512 ids instead of per id, which
// is measurable on the ingress hot path (an id per request).
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

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
  if (poolOffset + 8 > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const bytes = Buffer.allocUnsafe(16);
  bytes.writeUIntBE(nowMs, 0, 6);
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  pool.copy(bytes, 8, poolOffset, poolOffset + 8);
  poolOffset += 8;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** API tokens: a recognisable prefix and 32 random bytes; only their SHA-256 is stored. */
export function newApiToken(): string {
  return `tl_${randomBytes(32).toString('base64url')}`;
}
