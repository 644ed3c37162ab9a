import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
// base64url without padding: 12 bytes -> 16 characters, 16 bytes -> 22.
const SEALED_SHAPE = /^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]*$/;

/**
 * AES-256-GCM sealing of secrets at rest. A sealed value is `v1.<iv>.<tag>.<ciphertext>` in
 * base64url, so it is one opaque string inside a JSON column that {@link SecretBox.isSealed} finds.
 * It names no key: which key sealed it shows by whether it opens, which is how re-keying
 * (rotate-secret-key.ts) tells a wrong current key from a value it already rewrote.
 *
 * @example
 * const box = new SecretBox(key);
 * box.open(box.seal('s3cret')) === 's3cret';
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Uint8Array) {
    if (key.length !== 32) throw new RangeError(`the secret key must be 32 bytes, got ${key.length}`);
    this.#key = Buffer.from(key);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      VERSION,
      iv.toString('base64url'),
      tag.toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new SealedValueError('not a sealed value of this version');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key, Buffer.from(iv, 'base64url'));
      const tagBytes = Buffer.from(tag, 'base64url');
      if (tagBytes.length !== TAG_BYTES)
        throw new SealedValueError('authentication tag has the wrong length');
      decipher.setAuthTag(tagBytes);
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch (error) {
      throw new SealedValueError('cannot open: wrong key or tampered value', { cause: error });
    }
  }

  /**
   * Whether a string has the exact shape `seal` produces (a 12-byte iv and a 16-byte tag in
   * base64url), so that a user's value such as "v1.2.3.4" is never mistaken for a sealed one.
   */
  static isSealed(value: unknown): value is string {
    return typeof value === 'string' && SEALED_SHAPE.test(value);
  }
}

export class SealedValueError extends Error {
  override readonly name = 'SealedValueError';
}
