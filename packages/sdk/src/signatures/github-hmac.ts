import { createHmac } from 'node:crypto';
import type { VerifyResult } from '../integration.js';
import { header, type RawRequest } from '../raw-request.js';
import { constantTimeEqual, decodeHex } from './constant-time.js';

/**
 * The header GitHub signs deliveries in, lower-cased as {@link RawRequest} headers are.
 *
 * @example
 * const signature = header(request, GITHUB_SIGNATURE_HEADER);
 */
export const GITHUB_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * GitHub's `X-Hub-Signature-256`: `sha256=` + hex HMAC-SHA256 of the raw body under the webhook
 * secret. GitHub signs no timestamp, so no clock is needed; replays are caught by delivery id.
 *
 * @example
 * verifyGitHubSignature(request, 'It\'s a Secret to Everybody');
 */
export function verifyGitHubSignature(request: RawRequest, secret: string): VerifyResult {
  // An empty key is a key anyone can sign with.
  if (secret.length === 0) return { ok: false, reason: 'GitHub webhook secret is empty' };
  const received = header(request, GITHUB_SIGNATURE_HEADER);
  if (received === undefined) return { ok: false, reason: `missing ${GITHUB_SIGNATURE_HEADER} header` };
  if (!received.startsWith('sha256='))
    return { ok: false, reason: `${GITHUB_SIGNATURE_HEADER} must start with "sha256="` };
  const digest = decodeHex(received.slice('sha256='.length));
  if (digest === undefined) return { ok: false, reason: `${GITHUB_SIGNATURE_HEADER} is not hex` };
  const expected = createHmac('sha256', secret).update(request.body).digest();
  return constantTimeEqual(digest, expected)
    ? { ok: true }
    : { ok: false, reason: 'signature does not match' };
}

/**
 * Signs a body as GitHub does and returns the `X-Hub-Signature-256` value: for tests, fixtures and
 * the testing kit.
 *
 * @example
 * signGitHubBody('Hello, World!', "It's a Secret to Everybody");
 * // 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17'
 */
export function signGitHubBody(body: Uint8Array | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
