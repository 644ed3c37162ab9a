import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_KEY_FILE = 'secret.key';
/** The environment variable that holds the key, when the key file is not used. */
export const SECRET_KEY_ENV = 'TRIPLINE_SECRET_KEY';

/** Where the key in use came from: re-keying writes a new key file, or asks for a new variable. */
export type SecretKeyOrigin =
  | { readonly kind: 'environment' }
  | { readonly kind: 'file'; readonly file: string };

export interface CurrentSecretKey {
  readonly key: Buffer;
  readonly origin: SecretKeyOrigin;
}

/**
 * The key that seals secrets: TRIPLINE_SECRET_KEY (32 bytes as base64 or hex) when set, else the
 * key file in the data dir, generated with mode 0600 on first start.
 */
export function loadSecretKey(input: {
  readonly configured: string | undefined;
  readonly dataDir: string;
}): Buffer {
  const current = readSecretKey(input);
  if (current !== undefined) return current.key;
  mkdirSync(input.dataDir, { recursive: true });
  const file = path.join(input.dataDir, SECRET_KEY_FILE);
  const key = randomBytes(32);
  writeFileSync(file, `${encodeKey(key)}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return key;
}

/**
 * The key in use and where it came from, without generating one: undefined when neither
 * TRIPLINE_SECRET_KEY nor the key file exists (nothing can have been sealed yet).
 */
export function readSecretKey(input: {
  readonly configured: string | undefined;
  readonly dataDir: string;
}): CurrentSecretKey | undefined {
  if (input.configured !== undefined) {
    return { key: decodeKey(input.configured, SECRET_KEY_ENV), origin: { kind: 'environment' } };
  }
  const file = path.join(input.dataDir, SECRET_KEY_FILE);
  if (!existsSync(file)) return undefined;
  return { key: decodeKey(readFileSync(file, 'utf8').trim(), file), origin: { kind: 'file', file } };
}

export function decodeKey(text: string, source: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new Error(`${source} must hold a 32-byte key as 64 hex characters or 44 base64 characters`);
  }
  return key;
}

/** The text form of a key, as the key file holds it and TRIPLINE_SECRET_KEY takes it (base64). */
export function encodeKey(key: Uint8Array): string {
  return Buffer.from(key).toString('base64');
}

export function generateKeyText(): string {
  return randomBytes(32).toString('base64');
}
