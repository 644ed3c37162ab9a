import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis every test that talks to Redis uses (loopback only). */
export const TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/** A key prefix no other test run uses, and the cleanup that deletes every key under it. */
export function testRedisPrefix(): { readonly prefix: string; cleanup(): Promise<void> } {
  const prefix = `tripline-test-${randomBytes(6).toString('hex')}`;
  return {
    prefix,
    async cleanup() {
      const redis = new Redis(TEST_REDIS_URL);
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          cursor = next;
          if (keys.length > 0) await redis.del(...keys);
        } while (cursor !== '0');
      } finally {
        await redis.quit();
      }
    },
  };
}

/** Polls `probe` until it answers something, or fails after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
