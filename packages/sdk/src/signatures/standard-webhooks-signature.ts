import type { Clock } from '../clock.js';
import type { VerifyResult } from '../integration.js';
import { header, type RawRequest } from '../raw-request.js';
import { constantTimeEqual } from './constant-time.js';
import { hmacSha256 } from './hmac.js';
import { checkTimestamp, parseUnixSeconds } from './timestamp.js';

/**
 * The Standard Webhooks message id header: signed, and the natural delivery id.
 *
 * @example
 * const deliveryId = header(request, STANDARD_WEBHOOKS_ID_HEADER);
 */
export const STANDARD_WEBHOOKS_ID_HEADER = 'webhook-id';

/**
 * The Standard Webhooks header with the Unix time (seconds) the message was signed at.
 *
 * @example
 * const timestamp = header(request, STANDARD_WEBHOOKS_TIMESTAMP_HEADER);
 */
export const STANDARD_WEBHOOKS_TIMESTAMP_HEADER = 'webhook-timestamp';

/**
 * The Standard Webhooks signature header: space-separated `v1,<base64>` entries.
 *
 * @example
 * const signatures = header(request, STANDARD_WEBHOOKS_SIGNATURE_HEADER)?.split(' ');
 */
export const STANDARD_WEBHOOKS_SIGNATURE_HEADER = 'webhook-signature';

const SECRET_PREFIX = 'whsec_';
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/**
 * The secret and the allowed clock difference of a Standard Webhooks endpoint.
 *
 * @example
 * const options: StandardWebhooksOptions = { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' };
 */
export interface StandardWebhooksOptions {
  /** `whsec_` followed by the base64 key; the bare base64 key is accepted too. */
  readonly secret: string;
  /** How far `webhook-timestamp` may be from now; 300 when omitted. */
  readonly toleranceSeconds?: number;
}

/**
 * The Standard Webhooks scheme (standardwebhooks.com): `webhook-signature` holds space-separated
 * `v1,<base64>` entries, each an HMAC-SHA256 of `${webhook-id}.${webhook-timestamp}.${body}` under
 * the base64-decoded secret. One matching entry is enough; other versions (`v1a`) are ignored.
 *
 * @example
 * const result = verifyStandardWebhook(request, { secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' }, systemClock);
 * if (!result.ok) return result;
 */
export function verifyStandardWebhook(
  request: RawRequest,
  options: StandardWebhooksOptions,
  clock: Clock,
): VerifyResult {
  const key = decodeStandardWebhooksSecret(options.secret);
  if (key === undefined) return { ok: false, reason: 'secret is not "whsec_" followed by a base64 key' };
  const id = header(request, STANDARD_WEBHOOKS_ID_HEADER);
  if (id === undefined || id.length === 0)
    return { ok: false, reason: `missing ${STANDARD_WEBHOOKS_ID_HEADER} header` };
  const timestampText = header(request, STANDARD_WEBHOOKS_TIMESTAMP_HEADER);
  if (timestampText === undefined)
    return { ok: false, reason: `missing ${STANDARD_WEBHOOKS_TIMESTAMP_HEADER} header` };
  const timestamp = parseUnixSeconds(timestampText);
  if (timestamp === undefined)
    return { ok: false, reason: `${STANDARD_WEBHOOKS_TIMESTAMP_HEADER} is not a Unix time in seconds` };
  const received = header(request, STANDARD_WEBHOOKS_SIGNATURE_HEADER);
  if (received === undefined)
    return { ok: false, reason: `missing ${STANDARD_WEBHOOKS_SIGNATURE_HEADER} header` };
  const candidates = received
    .split(' ')
    .filter((entry) => entry.startsWith('v1,'))
    .map((entry) => entry.slice('v1,'.length));
  if (candidates.length === 0)
    return { ok: false, reason: `${STANDARD_WEBHOOKS_SIGNATURE_HEADER} has no v1 signature` };
  const expected = Buffer.from(hmacSha256(key, [`${id}.${timestampText}.`, request.body]).toString('base64'));
  // Every candidate is compared so the time taken doesn't depend on which one matched.
  let matched = false;
  for (const candidate of candidates) {
    if (constantTimeEqual(Buffer.from(candidate), expected)) matched = true;
  }
  if (!matched) return { ok: false, reason: 'no v1 signature matches' };
  return checkTimestamp({
    seconds: timestamp,
    source: STANDARD_WEBHOOKS_TIMESTAMP_HEADER,
    clock,
    toleranceSeconds: options.toleranceSeconds,
  });
}

/**
 * Signs a message as a Standard Webhooks sender does and returns the `webhook-signature` value: for
 * tests and fixtures. Throws a TypeError for a secret that is not `whsec_<base64>`.
 *
 * @example
 * signStandardWebhook({
 *   id: 'msg_p5jXN8AQM9LWM0D4loKWxJek', timestamp: 1614265330, body: '{"test": 2432232314}',
 *   secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
 * }); // 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE='
 */
export function signStandardWebhook(input: {
  readonly id: string;
  /** Unix time in seconds. */
  readonly timestamp: number;
  readonly body: Uint8Array | string;
  readonly secret: string;
}): string {
  const key = decodeStandardWebhooksSecret(input.secret);
  if (key === undefined) throw new TypeError('secret must be "whsec_" followed by a base64 key');
  return `v1,${hmacSha256(key, [`${input.id}.${input.timestamp}.`, input.body]).toString('base64')}`;
}

/**
 * The key bytes of a `whsec_<base64>` secret (prefix optional); undefined when it is empty (a key
 * anyone could sign with) or not canonical base64. Non-canonical spellings are refused so that two
 * different secret strings never decode to the same key.
 *
 * @example
 * decodeStandardWebhooksSecret('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')?.length; // 24
 */
export function decodeStandardWebhooksSecret(secret: string): Buffer | undefined {
  const encoded = secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret;
  if (encoded.length === 0 || !BASE64_PATTERN.test(encoded)) return undefined;
  const key = Buffer.from(encoded, 'base64');
  const canonical = key.toString('base64');
  return canonical === encoded || canonical.replace(/=+$/, '') === encoded ? key : undefined;
}
