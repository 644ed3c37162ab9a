import {
  CredentialsError,
  ExternalServiceError,
  type IntegrationContext,
  type OAuthHooks,
  type OAuthTokens,
  type ParameterValues,
} from '@tripline/sdk';
import { GITHUB_USER_AGENT } from './github-api.js';
import { githubUrls } from './github-urls.js';

/** What the OAuth app asks for: webhooks on repositories, private ones included. */
export const GITHUB_OAUTH_SCOPES = ['admin:repo_hook', 'repo'] as const;

/**
 * GitHub's authorization-code flow (OAuth apps and GitHub Apps alike), with PKCE (S256) when the
 * server sends a challenge. Tokens of GitHub Apps with expiring user tokens come with a refresh
 * token and `expires_in`; OAuth app tokens don't expire.
 */
export const githubOAuth: OAuthHooks = {
  authorizationUrl({ client, redirectUri, state, codeChallenge, context }) {
    const query = new URLSearchParams({
      client_id: clientField(client, 'client_id'),
      redirect_uri: redirectUri,
      scope: GITHUB_OAUTH_SCOPES.join(' '),
      state,
    });
    if (codeChallenge !== undefined) {
      query.set('code_challenge', codeChallenge);
      query.set('code_challenge_method', 'S256');
    }
    return `${githubUrls(context).webUrl}/login/oauth/authorize?${query}`;
  },

  async exchangeCode({ client, redirectUri, code, codeVerifier, context }) {
    const answer = await tokenEndpoint(context, 'exchanging the authorization code', {
      client_id: clientField(client, 'client_id'),
      client_secret: clientField(client, 'client_secret'),
      code,
      redirect_uri: redirectUri,
      ...(codeVerifier === undefined ? {} : { code_verifier: codeVerifier }),
    });
    return tokens(answer, context);
  },

  async refreshCredentials({ client, credentials, context }) {
    const refreshToken = credentials.refresh_token;
    // OAuth app tokens have no refresh token and never expire: nothing to do.
    if (typeof refreshToken !== 'string' || refreshToken === '') return { credentials };
    const answer = await tokenEndpoint(context, 'refreshing the token', {
      client_id: clientField(client, 'client_id'),
      client_secret: clientField(client, 'client_secret'),
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    return tokens(answer, context, credentials);
  },
};

interface TokenAnswer {
  readonly access_token: string;
  readonly refresh_token?: string;
  readonly scope?: string;
  readonly expires_in?: number;
}

/**
 * Calls `POST {webUrl}/login/oauth/access_token`. GitHub answers 200 even when it refuses, with
 * `error` and `error_description` (bad_verification_code, incorrect_client_credentials,
 * bad_refresh_token, redirect_uri_mismatch): those are the user's credentials to fix.
 */
async function tokenEndpoint(
  context: IntegrationContext,
  doing: string,
  form: Record<string, string>,
): Promise<TokenAnswer> {
  const response = await context.http(`${githubUrls(context).webUrl}/login/oauth/access_token`, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': GITHUB_USER_AGENT,
    },
    body: new URLSearchParams(form).toString(),
  });
  const text = await response.text();
  if (!response.ok) {
    throw new ExternalServiceError(`GitHub answered ${response.status} while ${doing}`, response.status);
  }
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new ExternalServiceError(
      `GitHub answered ${doing} with something other than JSON`,
      response.status,
      {
        cause: error,
      },
    );
  }
  if (typeof body.error === 'string') {
    const description = typeof body.error_description === 'string' ? body.error_description : body.error;
    throw new CredentialsError(`GitHub refused ${doing}: ${description} (${body.error})`);
  }
  if (typeof body.access_token !== 'string' || body.access_token === '') {
    throw new ExternalServiceError(`GitHub answered ${doing} without an access_token`, response.status);
  }
  return body as unknown as TokenAnswer;
}

function tokens(
  answer: TokenAnswer,
  context: IntegrationContext,
  previous: ParameterValues = {},
): OAuthTokens {
  const refreshToken = typeof answer.refresh_token === 'string' ? answer.refresh_token : undefined;
  const scope = typeof answer.scope === 'string' ? answer.scope : previous.scope;
  const credentials: ParameterValues = {
    access_token: answer.access_token,
    ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }),
    ...(scope === undefined ? {} : { scope }),
  };
  const expiresIn = Number(answer.expires_in);
  if (answer.expires_in === undefined || !Number.isFinite(expiresIn) || expiresIn <= 0)
    return { credentials };
  return { credentials, expiresAt: new Date(context.clock.now() + expiresIn * 1000) };
}

function clientField(client: ParameterValues, name: 'client_id' | 'client_secret'): string {
  const value = client[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CredentialsError(
      `the OAuth client has no ${name}: register the GitHub OAuth app's ${name} first`,
    );
  }
  return value.trim();
}
