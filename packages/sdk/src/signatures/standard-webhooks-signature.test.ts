import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { rawRequest } from '../testing/raw-request.js';
import {
  decodeStandardWebhooksSecret,
  signStandardWebhook,
  verifyStandardWebhook,
} from './standard-webhooks-signature.js';

// The test vector of the Standard Webhooks specification and its reference libraries.
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ID = 'msg_p5jXN8AQM9LWM0D4loKWxJek';
const T = 1614265330;
const BODY = '{"test": 2432232314}';
const SIGNATURE = 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=';
const clock = fixedClock(T * 1000);

interface Parts {
  readonly id?: string;
  readonly timestamp?: string;
  readonly signature?: string;
  readonly body?: string;
}

function signed(parts: Parts) {
  return rawRequest({
    headers: {
      'Webhook-Id': parts.id,
      'Webhook-Timestamp': parts.timestamp,
      'Webhook-Signature': parts.signature,
    },
    body: parts.body ?? BODY,
  });
}

const valid = { id: ID, timestamp: String(T), signature: SIGNATURE };

function reasonOf(result: { ok: boolean; reason?: string }): string | undefined {
  return result.ok ? undefined : result.reason;
}

describe('verifyStandardWebhook', () => {
  it('accepts the specification test vector', () => {
    expect(verifyStandardWebhook(signed(valid), { secret: SECRET }, clock)).toEqual({ ok: true });
  });

  it('accepts the bare base64 key without the whsec_ prefix', () => {
    const bare = SECRET.slice('whsec_'.length);
    expect(verifyStandardWebhook(signed(valid), { secret: bare }, clock)).toEqual({ ok: true });
  });

  it('accepts one matching entry among several and ignores other versions', () => {
    const signature = `v1a,${'A'.repeat(86)}== v1,${'B'.repeat(43)}= ${SIGNATURE}`;
    expect(verifyStandardWebhook(signed({ ...valid, signature }), { secret: SECRET }, clock)).toEqual({
      ok: true,
    });
  });

  it('refuses a tampered body', () => {
    const result = verifyStandardWebhook(
      signed({ ...valid, body: '{"test": 2432232315}' }),
      { secret: SECRET },
      clock,
    );
    expect(result).toEqual({ ok: false, reason: 'no v1 signature matches' });
  });

  it('refuses a changed message id', () => {
    expect(verifyStandardWebhook(signed({ ...valid, id: `${ID}x` }), { secret: SECRET }, clock).ok).toBe(
      false,
    );
  });

  it('refuses a wrong secret', () => {
    const other = 'whsec_NfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
    expect(reasonOf(verifyStandardWebhook(signed(valid), { secret: other }, clock))).toBe(
      'no v1 signature matches',
    );
  });

  it('refuses a timestamp outside the tolerance in either direction', () => {
    const late = fixedClock((T + 301) * 1000);
    const early = fixedClock((T - 301) * 1000);
    expect(reasonOf(verifyStandardWebhook(signed(valid), { secret: SECRET }, late))).toBe(
      'webhook-timestamp is 301 s old, outside the tolerance of 300 s',
    );
    expect(reasonOf(verifyStandardWebhook(signed(valid), { secret: SECRET }, early))).toBe(
      'webhook-timestamp is 301 s in the future, outside the tolerance of 300 s',
    );
  });

  it('accepts a timestamp inside the tolerance', () => {
    const late = fixedClock((T + 300) * 1000);
    expect(verifyStandardWebhook(signed(valid), { secret: SECRET }, late)).toEqual({ ok: true });
  });

  it.each([
    [{ timestamp: String(T), signature: SIGNATURE }, 'missing webhook-id header'],
    [{ ...valid, id: '' }, 'missing webhook-id header'],
    [{ id: ID, signature: SIGNATURE }, 'missing webhook-timestamp header'],
    [{ ...valid, timestamp: '1614265330.5' }, 'webhook-timestamp is not a Unix time in seconds'],
    [{ id: ID, timestamp: String(T) }, 'missing webhook-signature header'],
    [{ ...valid, signature: '' }, 'has no v1 signature'],
    [{ ...valid, signature: 'v2,abc' }, 'has no v1 signature'],
    [{ ...valid, signature: SIGNATURE.replace('v1,', 'v1=') }, 'has no v1 signature'],
    [{ ...valid, signature: 'v1,!!!' }, 'no v1 signature matches'],
  ])('refuses garbled headers %j', (parts, reason) => {
    expect(reasonOf(verifyStandardWebhook(signed(parts), { secret: SECRET }, clock))).toBe(
      reason.startsWith('has') ? `webhook-signature ${reason}` : reason,
    );
  });

  it.each(['', 'whsec_', 'whsec_not base64!', 'whsec_A', 'whsec_YWJ=', 'whsec_YWJ'])(
    'refuses the malformed secret "%s"',
    (secret) => {
      expect(reasonOf(verifyStandardWebhook(signed(valid), { secret }, clock))).toBe(
        'secret is not "whsec_" followed by a base64 key',
      );
    },
  );
});

describe('signStandardWebhook', () => {
  it('reproduces the specification test vector', () => {
    expect(signStandardWebhook({ id: ID, timestamp: T, body: BODY, secret: SECRET })).toBe(SIGNATURE);
  });

  it('throws for a malformed secret without echoing it', () => {
    expect(() => signStandardWebhook({ id: ID, timestamp: T, body: BODY, secret: 'whsec_?hidden?' })).toThrow(
      /^secret must be "whsec_" followed by a base64 key$/,
    );
  });
});

describe('decodeStandardWebhooksSecret', () => {
  it('decodes the key bytes with or without padding', () => {
    expect(decodeStandardWebhooksSecret(SECRET)?.length).toBe(24);
    expect(decodeStandardWebhooksSecret('whsec_YWJj')?.toString()).toBe('abc');
    expect(decodeStandardWebhooksSecret('whsec_YWI=')?.toString()).toBe('ab');
    expect(decodeStandardWebhooksSecret('whsec_YWI')?.toString()).toBe('ab');
  });

  it('refuses a non-canonical spelling that would decode to the same key as another', () => {
    expect(decodeStandardWebhooksSecret('whsec_YWJ=')).toBeUndefined();
  });
});
