import type { Clock } from '../clock.js';
import type { VerifyResult } from '../integration.js';
import { header, type RawRequest } from '../raw-request.js';
import { constantTimeEqual, decodeHex } from './constant-time.js';
import { hmacSha256 } from './hmac.js';
import { checkTimestamp, parseUnixSeconds } from './timestamp.js';

/**
 * The header Stripe signs events in, lower-cased as {@link RawRequest} headers are.
 *
 * @example
 * const signature = header(request, STRIPE_SIGNATURE_HEADER); // 't=...,v1=...'
 */
export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

/**
 * The secret and the allowed clock difference of a Stripe endpoint.
 *
 * @example
 * const options: StripeSignatureOptions = { secret: 'whsec_...', toleranceSeconds: 600 };
 */
export interface StripeSignatureOptions {
  /** The endpoint's signing secret (`whsec_...`), used as the HMAC key as it is. */
  readonly secret: string;
  /** How far `t` may be from now; 300 when omitted. */
  readonly toleranceSeconds?: number;
}

/**
 * Stripe's `Stripe-Signature: t=<seconds>,v1=<hex>[,v1=<hex>...]`: HMAC-SHA256 of `${t}.${body}`.
 * Several `v1` values appear while a secret is being rolled; one match is enough. Other schemes
 * (`v0`) are ignored, as Stripe's own libraries do.
 *
 * @example
 * const result = verifyStripeSignature(request, { secret: 'whsec_test' }, systemClock);
 * if (!result.ok) return result;
 */
export function verifyStripeSignature(
  request: RawRequest,
  options: StripeSignatureOptions,
  clock: Clock,
): VerifyResult {
  if (options.secret.length === 0) return { ok: false, reason: 'Stripe signing secret is empty' };
  const received = header(request, STRIPE_SIGNATURE_HEADER);
  if (received === undefined) return { ok: false, reason: `missing ${STRIPE_SIGNATURE_HEADER} header` };
  const parsed = parseStripeHeader(received);
  if (typeof parsed === 'string') return { ok: false, reason: parsed };
  const expected = hmacSha256(options.secret, [`${parsed.timestampText}.`, request.body]);
  // Every candidate is compared so the time taken doesn't depend on which one matched.
  let matched = false;
  for (const candidate of parsed.signatures) {
    const digest = decodeHex(candidate);
    if (digest !== undefined && constantTimeEqual(digest, expected)) matched = true;
  }
  if (!matched) return { ok: false, reason: 'no v1 signature matches' };
  return checkTimestamp({
    seconds: parsed.timestamp,
    source: `${STRIPE_SIGNATURE_HEADER} t`,
    clock,
    toleranceSeconds: options.toleranceSeconds,
  });
}

/**
 * Signs a body as Stripe does and returns the `Stripe-Signature` value: for tests and fixtures.
 *
 * @example
 * const value = signStripeBody({ body: '{"id":"evt_1"}', secret: 'whsec_test', timestamp: 1700000000 });
 * // 't=1700000000,v1=...'
 */
export function signStripeBody(input: {
  readonly body: Uint8Array | string;
  readonly secret: string;
  /** Unix time in seconds. */
  readonly timestamp: number;
}): string {
  const digest = hmacSha256(input.secret, [`${input.timestamp}.`, input.body]).toString('hex');
  return `t=${input.timestamp},v1=${digest}`;
}

interface StripeHeader {
  readonly timestamp: number;
  /** As sent: the signed string is built from it, not from the number. */
  readonly timestampText: string;
  readonly signatures: readonly string[];
}

/** The parsed header, or a reason saying what is wrong with it. */
function parseStripeHeader(value: string): StripeHeader | string {
  let timestamp: number | undefined;
  let timestampText = '';
  const signatures: string[] = [];
  for (const [index, item] of value.split(',').entries()) {
    const separator = item.indexOf('=');
    if (separator <= 0) return `${STRIPE_SIGNATURE_HEADER} item ${index} is not key=value`;
    const key = item.slice(0, separator).trim();
    const text = item.slice(separator + 1).trim();
    if (key === 't') {
      if (timestamp !== undefined) return `${STRIPE_SIGNATURE_HEADER} has more than one t`;
      timestampText = text;
      timestamp = parseUnixSeconds(text);
      if (timestamp === undefined) return `${STRIPE_SIGNATURE_HEADER} t is not a Unix time in seconds`;
    } else if (key === 'v1') {
      signatures.push(text);
    }
  }
  if (timestamp === undefined) return `${STRIPE_SIGNATURE_HEADER} has no t`;
  if (signatures.length === 0) return `${STRIPE_SIGNATURE_HEADER} has no v1 signature`;
  return { timestamp, timestampText, signatures };
}
