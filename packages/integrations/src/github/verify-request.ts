import { type VerifyInput, type VerifyResult, verifyGitHubSignature } from '@tripline/sdk';

export const WEBHOOK_SECRET = 'webhook_secret';

/**
 * Checks `X-Hub-Signature-256` over the raw bytes with the subscription's `webhook_secret`, in
 * constant time. A subscription without a secret refuses everything: an unsigned webhook would let
 * anyone who learns the URL start workflows.
 */
export function verifyGitHubRequest(input: VerifyInput): VerifyResult {
  const secret = input.properties[WEBHOOK_SECRET];
  if (typeof secret !== 'string' || secret === '') {
    return { ok: false, reason: `the subscription has no ${WEBHOOK_SECRET}, so no request can be verified` };
  }
  return verifyGitHubSignature(input.request, secret);
}
