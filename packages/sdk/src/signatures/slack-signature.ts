import type { Clock } from '../clock.js';
import type { VerifyResult } from '../integration.js';
import { header, type RawRequest } from '../raw-request.js';
import { constantTimeEqual, decodeHex } from './constant-time.js';
import { hmacSha256 } from './hmac.js';
import { checkTimestamp, parseUnixSeconds } from './timestamp.js';

/**
 * The header Slack signs requests in, lower-cased as {@link RawRequest} headers are.
 *
 * @example
 * const signature = header(request, SLACK_SIGNATURE_HEADER); // 'v0=...'
 */
export const SLACK_SIGNATURE_HEADER = 'x-slack-signature';

/**
 * The header with the Unix time (seconds) Slack signed the request at.
 *
 * @example
 * const timestamp = header(request, SLACK_TIMESTAMP_HEADER); // '1531420618'
 */
export const SLACK_TIMESTAMP_HEADER = 'x-slack-request-timestamp';

/**
 * The signing secret and the allowed clock difference of a Slack app.
 *
 * @example
 * const options: SlackSignatureOptions = { secret: String(properties.signing_secret), toleranceSeconds: 300 };
 */
export interface SlackSignatureOptions {
  /** The app's signing secret, used as the HMAC key as it is. */
  readonly secret: string;
  /** How far `X-Slack-Request-Timestamp` may be from now; 300 when omitted. */
  readonly toleranceSeconds?: number;
}

/**
 * Slack's `X-Slack-Signature: v0=<hex>`: HMAC-SHA256 of `v0:${timestamp}:${body}`, where the
 * timestamp is `X-Slack-Request-Timestamp` in seconds.
 *
 * @example
 * const result = verifySlackSignature(request, { secret: signingSecret }, systemClock);
 * if (!result.ok) return result;
 */
export function verifySlackSignature(
  request: RawRequest,
  options: SlackSignatureOptions,
  clock: Clock,
): VerifyResult {
  if (options.secret.length === 0) return { ok: false, reason: 'Slack signing secret is empty' };
  const timestampText = header(request, SLACK_TIMESTAMP_HEADER);
  if (timestampText === undefined) return { ok: false, reason: `missing ${SLACK_TIMESTAMP_HEADER} header` };
  const timestamp = parseUnixSeconds(timestampText);
  if (timestamp === undefined)
    return { ok: false, reason: `${SLACK_TIMESTAMP_HEADER} is not a Unix time in seconds` };
  const received = header(request, SLACK_SIGNATURE_HEADER);
  if (received === undefined) return { ok: false, reason: `missing ${SLACK_SIGNATURE_HEADER} header` };
  if (!received.startsWith('v0='))
    return { ok: false, reason: `${SLACK_SIGNATURE_HEADER} must start with "v0="` };
  const digest = decodeHex(received.slice('v0='.length));
  if (digest === undefined) return { ok: false, reason: `${SLACK_SIGNATURE_HEADER} is not hex` };
  const expected = hmacSha256(options.secret, [`v0:${timestampText}:`, request.body]);
  if (!constantTimeEqual(digest, expected)) return { ok: false, reason: 'signature does not match' };
  return checkTimestamp({
    seconds: timestamp,
    source: SLACK_TIMESTAMP_HEADER,
    clock,
    toleranceSeconds: options.toleranceSeconds,
  });
}

/**
 * Signs a body as Slack does and returns the `X-Slack-Signature` value: for tests and fixtures.
 *
 * @example
 * const signature = signSlackBody({ body: 'token=x', secret: 'signing-secret', timestamp: 1700000000 });
 * // 'v0=...', sent with X-Slack-Request-Timestamp: 1700000000
 */
export function signSlackBody(input: {
  readonly body: Uint8Array | string;
  readonly secret: string;
  /** Unix time in seconds. */
  readonly timestamp: number;
}): string {
  return `v0=${hmacSha256(input.secret, [`v0:${input.timestamp}:`, input.body]).toString('hex')}`;
}
