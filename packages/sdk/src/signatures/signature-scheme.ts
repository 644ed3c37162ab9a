import type { Clock } from '../clock.js';
import type { VerifyResult } from '../integration.js';
import type { RawRequest } from '../raw-request.js';
import { GITHUB_SIGNATURE_HEADER, signGitHubBody, verifyGitHubSignature } from './github-hmac.js';
import {
  SLACK_SIGNATURE_HEADER,
  SLACK_TIMESTAMP_HEADER,
  signSlackBody,
  verifySlackSignature,
} from './slack-signature.js';
import {
  STANDARD_WEBHOOKS_ID_HEADER,
  STANDARD_WEBHOOKS_SIGNATURE_HEADER,
  STANDARD_WEBHOOKS_TIMESTAMP_HEADER,
  signStandardWebhook,
  verifyStandardWebhook,
} from './standard-webhooks-signature.js';
import { STRIPE_SIGNATURE_HEADER, signStripeBody, verifyStripeSignature } from './stripe-signature.js';

/**
 * A signature scheme as data: which algorithm, which secret, how much clock difference. Stored on a
 * subscription or chosen by an integration, then checked with {@link verifySignature}.
 *
 * @example
 * const scheme: SignatureScheme = { kind: 'stripe', secret: 'whsec_test', toleranceSeconds: 600 };
 */
export type SignatureScheme =
  | { readonly kind: 'github'; readonly secret: string }
  | { readonly kind: 'stripe'; readonly secret: string; readonly toleranceSeconds?: number }
  | { readonly kind: 'slack'; readonly secret: string; readonly toleranceSeconds?: number }
  | { readonly kind: 'standard-webhooks'; readonly secret: string; readonly toleranceSeconds?: number };

/**
 * Every scheme kind, e.g. for a select parameter or to validate configuration.
 *
 * @example
 * SIGNATURE_SCHEME_KINDS.includes('slack'); // true
 */
export const SIGNATURE_SCHEME_KINDS: readonly SignatureScheme['kind'][] = [
  'github',
  'stripe',
  'slack',
  'standard-webhooks',
];

/**
 * Checks a raw request's signature with the given scheme. Never throws: a missing or garbled
 * header, a wrong signature or a stale timestamp each give `{ ok: false, reason }`.
 *
 * @example
 * const result = verifySignature({ kind: 'github', secret }, request, systemClock);
 * if (!result.ok) return { status: 401, body: result.reason };
 */
export function verifySignature(scheme: SignatureScheme, request: RawRequest, clock: Clock): VerifyResult {
  switch (scheme.kind) {
    case 'github':
      return verifyGitHubSignature(request, scheme.secret);
    case 'stripe':
      return verifyStripeSignature(request, scheme, clock);
    case 'slack':
      return verifySlackSignature(request, scheme, clock);
    case 'standard-webhooks':
      return verifyStandardWebhook(request, scheme, clock);
    default:
      // A scheme from untyped configuration is refused, not thrown: verification never throws.
      return { ok: false, reason: unknownSchemeMessage(scheme) };
  }
}

/**
 * The headers a sender using this scheme would add to a body, signed at the clock's time: for
 * tests and fixtures. `id` is the Standard Webhooks message id (a fixed one when omitted).
 *
 * @example
 * const headers = signatureHeaders({ kind: 'slack', secret }, { body: 'token=x', clock: fixedClock(0) });
 * // { 'x-slack-request-timestamp': '0', 'x-slack-signature': 'v0=...' }
 */
export function signatureHeaders(
  scheme: SignatureScheme,
  input: { readonly body: Uint8Array | string; readonly clock: Clock; readonly id?: string },
): Record<string, string> {
  const timestamp = Math.floor(input.clock.now() / 1000);
  const { body, id = 'msg_test' } = input;
  switch (scheme.kind) {
    case 'github':
      return { [GITHUB_SIGNATURE_HEADER]: signGitHubBody(body, scheme.secret) };
    case 'stripe':
      return { [STRIPE_SIGNATURE_HEADER]: signStripeBody({ body, secret: scheme.secret, timestamp }) };
    case 'slack':
      return {
        [SLACK_TIMESTAMP_HEADER]: String(timestamp),
        [SLACK_SIGNATURE_HEADER]: signSlackBody({ body, secret: scheme.secret, timestamp }),
      };
    case 'standard-webhooks':
      return {
        [STANDARD_WEBHOOKS_ID_HEADER]: id,
        [STANDARD_WEBHOOKS_TIMESTAMP_HEADER]: String(timestamp),
        [STANDARD_WEBHOOKS_SIGNATURE_HEADER]: signStandardWebhook({
          id,
          timestamp,
          body,
          secret: scheme.secret,
        }),
      };
    default:
      throw new TypeError(unknownSchemeMessage(scheme));
  }
}

// Taking `never` makes a kind added to the union without a case a compile error in each switch.
function unknownSchemeMessage(scheme: never): string {
  const kind = (scheme as { readonly kind?: unknown } | null)?.kind;
  return `signature scheme kind "${String(kind)}" is not one of ${SIGNATURE_SCHEME_KINDS.join(', ')}`;
}
