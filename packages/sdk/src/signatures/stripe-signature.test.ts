import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { rawRequest } from '../testing/raw-request.js';
import { signStripeBody, verifyStripeSignature } from './stripe-signature.js';

const SECRET = 'whsec_stripe_test_secret';
const BODY = '{"id":"evt_1","type":"payment_intent.succeeded"}';
const T = 1_700_000_000;
const clock = fixedClock(T * 1000);

function signed(signature: string | undefined, body: string = BODY) {
  return rawRequest({ headers: { 'Stripe-Signature': signature }, body });
}

function reasonOf(result: { ok: boolean; reason?: string }): string | undefined {
  return result.ok ? undefined : result.reason;
}

describe('verifyStripeSignature', () => {
  const header = signStripeBody({ body: BODY, secret: SECRET, timestamp: T });

  it('accepts a body it signed', () => {
    expect(verifyStripeSignature(signed(header), { secret: SECRET }, clock)).toEqual({ ok: true });
  });

  it('matches an independently computed digest', async () => {
    const { createHmac } = await import('node:crypto');
    const digest = createHmac('sha256', SECRET).update(`${T}.${BODY}`).digest('hex');
    expect(header).toBe(`t=${T},v1=${digest}`);
  });

  it('accepts any of several v1 values and ignores v0', () => {
    const good = header.split(',v1=')[1];
    const value = `t=${T}, v0=${'0'.repeat(64)}, v1=${'1'.repeat(64)}, v1=${good}`;
    expect(verifyStripeSignature(signed(value), { secret: SECRET }, clock)).toEqual({ ok: true });
  });

  it('refuses a tampered body', () => {
    const result = verifyStripeSignature(signed(header, `${BODY} `), { secret: SECRET }, clock);
    expect(result).toEqual({ ok: false, reason: 'no v1 signature matches' });
  });

  it('refuses a wrong secret', () => {
    expect(verifyStripeSignature(signed(header), { secret: 'whsec_other' }, clock).ok).toBe(false);
  });

  it('refuses a timestamp that was moved without re-signing', () => {
    const moved = header.replace(`t=${T}`, `t=${T + 1}`);
    expect(reasonOf(verifyStripeSignature(signed(moved), { secret: SECRET }, clock))).toBe(
      'no v1 signature matches',
    );
  });

  it('refuses a timestamp older than the tolerance', () => {
    const later = fixedClock((T + 301) * 1000);
    expect(reasonOf(verifyStripeSignature(signed(header), { secret: SECRET }, later))).toBe(
      'stripe-signature t is 301 s old, outside the tolerance of 300 s',
    );
  });

  it('refuses a timestamp too far in the future', () => {
    const earlier = fixedClock((T - 301) * 1000);
    expect(reasonOf(verifyStripeSignature(signed(header), { secret: SECRET }, earlier))).toContain(
      'in the future',
    );
  });

  it('accepts a timestamp at the edge of a custom tolerance', () => {
    const later = fixedClock((T + 600) * 1000);
    expect(verifyStripeSignature(signed(header), { secret: SECRET, toleranceSeconds: 600 }, later)).toEqual({
      ok: true,
    });
    expect(verifyStripeSignature(signed(header), { secret: SECRET, toleranceSeconds: 599 }, later).ok).toBe(
      false,
    );
  });

  it('names a missing header', () => {
    expect(reasonOf(verifyStripeSignature(signed(undefined), { secret: SECRET }, clock))).toBe(
      'missing stripe-signature header',
    );
  });

  it.each([
    ['', 'item 0 is not key=value'],
    ['garbage', 'item 0 is not key=value'],
    [`v1=${'a'.repeat(64)}`, 'has no t'],
    [`t=${T}`, 'has no v1 signature'],
    [`t=${T},v0=${'a'.repeat(64)}`, 'has no v1 signature'],
    [`t=soon,v1=${'a'.repeat(64)}`, 't is not a Unix time in seconds'],
    [`t=-5,v1=${'a'.repeat(64)}`, 't is not a Unix time in seconds'],
    [`t=${T},t=${T},v1=${'a'.repeat(64)}`, 'more than one t'],
    [`t=${T},v1=zz`, 'no v1 signature matches'],
  ])('refuses the garbled header "%s"', (value, reason) => {
    expect(reasonOf(verifyStripeSignature(signed(value), { secret: SECRET }, clock))).toContain(reason);
  });

  it('refuses an empty secret', () => {
    const emptySigned = signStripeBody({ body: BODY, secret: '', timestamp: T });
    expect(reasonOf(verifyStripeSignature(signed(emptySigned), { secret: '' }, clock))).toBe(
      'Stripe signing secret is empty',
    );
  });

  it('refuses a negative tolerance instead of throwing', () => {
    expect(
      reasonOf(verifyStripeSignature(signed(header), { secret: SECRET, toleranceSeconds: -1 }, clock)),
    ).toContain('toleranceSeconds must be a non-negative number');
  });

  it('never echoes the secret in a reason', () => {
    const results = ['', 'x', header, `t=${T},v1=00`].map((value) =>
      verifyStripeSignature(signed(value, 'tampered'), { secret: SECRET }, clock),
    );
    expect(JSON.stringify(results)).not.toContain(SECRET);
  });
});
