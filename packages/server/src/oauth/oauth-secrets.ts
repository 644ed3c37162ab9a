import { createHash, randomBytes } from 'node:crypto';

/** How long a started authorization may take before its callback is refused. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

/** A fresh `state` for the provider: 32 random bytes, base64url. */
export function newOAuthState(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * The id a state is stored under: its SHA-256 in hex, so a database read gives no usable state
 * and the callback finds the row without comparing secrets.
 */
export function oauthStateId(state: string): string {
  return createHash('sha256').update(state, 'utf8').digest('hex');
}

/** How long the member who started an authorization has to confirm it once the provider answered. */
export const OAUTH_CONFIRMATION_TTL_MS = 10 * 60 * 1000;

/** A fresh confirmation value for the console: 32 random bytes, base64url, like a state. */
export function newOAuthConfirmation(): string {
  return randomBytes(32).toString('base64url');
}

/** The id a confirmation is stored under: its SHA-256 in hex, as for states. */
export function oauthConfirmationId(confirmation: string): string {
  return createHash('sha256').update(confirmation, 'utf8').digest('hex');
}

/** A PKCE pair (RFC 7636, S256): the verifier stays here, the challenge goes to the provider. */
export function newPkcePair(): { readonly verifier: string; readonly challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: pkceChallenge(verifier) };
}

/** The S256 challenge of a verifier: base64url(SHA-256(verifier)). */
export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}
