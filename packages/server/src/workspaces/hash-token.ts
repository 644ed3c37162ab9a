import { createHash } from 'node:crypto';

/**
 * What the store keeps of an API token: its SHA-256 in hex. Tokens are long random strings, so a
 * plain hash is enough to make a stolen database useless for calling the API, and lookups stay
 * one indexed equality match.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
