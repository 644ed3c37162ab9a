import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_KEY_FILE = 'secret.key';

/**
 * The key that seals secrets: TRIPLINE_SECRET_KEY (32 bytes as base64 or hex) when set, else the
 * key file in the data dir, generated with mode 0600 on first start.
 */
export function loadSecretKey(input: {
  readonly configured: string | undefined;
  readonly dataDir: string;
}): Buffer {
  if (input.configured !== undefined) return decodeKey(input.configured, 'TRIPLINE_SECRET_KEY');
  const file = path.join(input.dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) return decodeKey(readFileSync(file, 'utf8').trim(), file);
  mkdirSync(input.dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

export function decodeKey(text: string, source: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new Error(`${source} must hold a 32-byte key as 64 hex characters or 44 base64 characters`);
  }
  return key;
}

export function generateKeyText(): string {
  return randomBytes(32).toString('base64');
}
