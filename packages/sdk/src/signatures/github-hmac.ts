import { createHmac } from 'node:crypto';
import type { VerifyResult } from '../integration.js';
import { header, type RawRequest } from '../raw-request.js';
import { constantTimeEqual, decodeHex } from './constant-time.js';

export const GITHUB_SIGNATURE_HEADER = 'x-hub-signature-256';

/**
 * GitHub's `X-Hub-Signature-256`: `sha256=` + hex HMAC-SHA256 of the raw body under the webhook
 * secret. GitHub signs no timestamp, so no clock is needed; replays are caught by delivery id.
 *
 * @example
 * verifyGitHubSignature(request, 'It\'s a Secret to Everybody');
 */
export function verifyGitHubSignature(request: RawRequest, secret: string): VerifyResult {
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

/** Signs a body as GitHub does: for tests, fixtures and the testing kit. */
export function signGitHubBody(body: Uint8Array | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
