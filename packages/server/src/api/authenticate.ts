import type { Clock } from '@tripline/sdk';
import type { FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { HttpError } from '../domain/errors.js';
import type { Store } from '../store/store.js';
import { hashToken } from '../workspaces/hash-token.js';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;
const HOW_TO = 'send the header "Authorization: Bearer <API token>"';
/** RFC 6750: tell the client which scheme to use. */
const CHALLENGE = { 'www-authenticate': 'Bearer realm="tripline"' } as const;

export interface AuthenticateOptions {
  readonly store: Pick<Store, 'workspaces'>;
  readonly clock: Clock;
}

/**
 * The onRequest hook of /api/v1: a bearer token becomes `request.principal` (its workspace,
 * member and role) with one indexed lookup of the token's hash; anything else is a 401.
 */
export function authenticate(options: AuthenticateOptions): onRequestAsyncHookHandler {
  return async (request: FastifyRequest) => {
    const token = bearerToken(request.headers.authorization);
    const principal = await options.store.workspaces.authenticate(
      hashToken(token),
      new Date(options.clock.now()),
    );
    if (!principal) {
      throw new HttpError(
        401,
        'invalid_token',
        `the API token is not valid (unknown or revoked); ${HOW_TO} with a token of a workspace member`,
        { headers: CHALLENGE },
      );
    }
    request.principal = principal;
  };
}

function bearerToken(header: string | undefined): string {
  if (header === undefined || header === '') {
    throw new HttpError(
      401,
      'unauthenticated',
      `authentication required: ${HOW_TO} (the first start prints the owner's token, or set TRIPLINE_BOOTSTRAP_TOKEN)`,
      { headers: CHALLENGE },
    );
  }
  const match = BEARER.exec(header);
  if (!match?.[1]) {
    throw new HttpError(
      401,
      'unauthenticated',
      `the Authorization header must use the Bearer scheme: ${HOW_TO}`,
      {
        headers: CHALLENGE,
      },
    );
  }
  return match[1];
}
