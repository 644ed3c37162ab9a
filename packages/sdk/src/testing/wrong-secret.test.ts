import { describe, expect, it } from 'vitest';
import { decodeStandardWebhooksSecret } from '../signatures/standard-webhooks-signature.js';
import { wrongSecret } from './wrong-secret.js';

describe('wrongSecret', () => {
  it.each([
    ['s3cret', 's3cqet'],
    ['whsec_YWJj', 'whsec_YWIj'],
    ['my_webhook_secret', 'my_webhool_secret'],
    ['9', '8'],
    ['___', '___0'],
  ])('changes %s into %s', (secret, wrong) => {
    expect(wrongSecret(secret)).toBe(wrong);
  });

  it('keeps hex secrets hex', () => {
    expect(wrongSecret('abcdef0123456789')).toMatch(/^[0-9a-f]{16}$/);
    expect(wrongSecret('abcdef0123456789')).not.toBe('abcdef0123456789');
  });

  it('keeps a Standard Webhooks secret decodable, to a different key', () => {
    const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    const key = decodeStandardWebhooksSecret(wrongSecret(secret));
    expect(key).toBeDefined();
    expect(key?.equals(decodeStandardWebhooksSecret(secret)!)).toBe(false);
  });
});
