import { createHash, randomBytes } from 'node:crypto';
import { CredentialsError, fixedClock, type ParameterValues } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../testing/index.js';
import { github } from '../github-integration.js';
import { failureOf, githubContext } from './github-context.test-helpers.js';

const clock = fixedClock(Date.parse('2026-03-01T09:00:00Z'));
const redirectUri = 'https://tripline.example.test/oauth/callback';
const client = { client_id: 'Iv1.plainapp', client_secret: 'plain-secret' };
const expiringClient = { client_id: 'Iv1.expiring', client_secret: 'expiring-secret' };
let fake: FakeGitHub;

beforeAll(async () => {
  fake = await startFakeGitHub({ clock, tokenTtlSeconds: 8 * 3600 });
  fake.addUser({ login: 'octocat' });
  fake.registerOAuthApp({
    clientId: client.client_id,
    clientSecret: client.client_secret,
    callbackUrl: redirectUri,
  });
  fake.registerOAuthApp({
    clientId: expiringClient.client_id,
    clientSecret: expiringClient.client_secret,
    expiringTokens: true,
  });
});
afterAll(() => fake.close());

function oauth() {
  if (!github.oauth?.refreshCredentials) throw new Error('oauth hooks are missing');
  return { ...github.oauth, refreshCredentials: github.oauth.refreshCredentials };
}

/** The integration's own credentials check, at the test clock. */
function validate(credentials: ParameterValues): Promise<void> {
  if (!github.validateCredentials) throw new Error('validateCredentials is missing');
  return github.validateCredentials({ credentials, context: githubContext(fake, { clock }) });
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Follows the authorization URL as a browser would and returns the code GitHub redirects back with. */
async function authorize(url: string, state: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  const back = new URL(response.headers.get('location') ?? '');
  expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
  expect(back.searchParams.get('state')).toBe(state);
  const code = back.searchParams.get('code');
  if (!code) throw new Error(`no code in ${back}`);
  return code;
}

describe('github oauth', () => {
  const context = () => githubContext(fake, { clock });

  it('builds the authorization URL on the web base with scopes, state and PKCE', () => {
    const url = new URL(
      oauth().authorizationUrl({
        client,
        redirectUri,
        state: 'st4te',
        codeChallenge: 'abc',
        context: context(),
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.webUrl}/login/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: client.client_id,
      redirect_uri: redirectUri,
      scope: 'admin:repo_hook repo',
      state: 'st4te',
      code_challenge: 'abc',
      code_challenge_method: 'S256',
    });
    const plain = new URL(oauth().authorizationUrl({ client, redirectUri, state: 's', context: context() }));
    expect(plain.searchParams.has('code_challenge')).toBe(false);
    expect(plain.searchParams.has('code_challenge_method')).toBe(false);
  });

  it('exchanges a PKCE code for a token that can manage webhooks, and refuses the code twice', async () => {
    const { verifier, challenge } = pkce();
    const url = oauth().authorizationUrl({
      client,
      redirectUri,
      state: 's1',
      codeChallenge: challenge,
      context: context(),
    });
    const code = await authorize(url, 's1');
    const tokens = await oauth().exchangeCode({
      client,
      redirectUri,
      code,
      codeVerifier: verifier,
      context: context(),
    });
    expect(tokens.credentials).toEqual({
      access_token: expect.stringMatching(/^gho_/),
      scope: 'admin:repo_hook,repo',
    });
    expect(tokens.expiresAt).toBeUndefined();
    await expect(validate(tokens.credentials)).resolves.toBeUndefined();
    const reused = await failureOf(
      oauth().exchangeCode({ client, redirectUri, code, codeVerifier: verifier, context: context() }),
    );
    expect(reused).toBeInstanceOf(CredentialsError);
    expect(reused.message).toContain('bad_verification_code');
  });

  it('refuses a PKCE code with the wrong verifier or none', async () => {
    const { challenge } = pkce();
    const url = oauth().authorizationUrl({
      client,
      redirectUri,
      state: 's2',
      codeChallenge: challenge,
      context: context(),
    });
    const code = await authorize(url, 's2');
    for (const codeVerifier of [pkce().verifier, undefined]) {
      const error = await failureOf(
        oauth().exchangeCode({
          client,
          redirectUri,
          code,
          ...(codeVerifier ? { codeVerifier } : {}),
          context: context(),
        }),
      );
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error.message).toContain('code_verifier does not match');
    }
  });

  it('exchanges a code obtained without PKCE', async () => {
    const code = await authorize(
      oauth().authorizationUrl({ client, redirectUri, state: 's3', context: context() }),
      's3',
    );
    const tokens = await oauth().exchangeCode({ client, redirectUri, code, context: context() });
    expect(tokens.credentials.access_token).toMatch(/^gho_/);
  });

  it('refuses a wrong client secret with GitHub description', async () => {
    const code = await authorize(
      oauth().authorizationUrl({ client, redirectUri, state: 's4', context: context() }),
      's4',
    );
    const error = await failureOf(
      oauth().exchangeCode({
        client: { ...client, client_secret: 'wrong' },
        redirectUri,
        code,
        context: context(),
      }),
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(
      'GitHub refused exchanging the authorization code: The client_id and/or client_secret passed are incorrect. (incorrect_client_credentials)',
    );
  });

  it('keeps a non-expiring token as it is when asked to refresh', async () => {
    const credentials = { access_token: 'gho_kept', scope: 'repo' };
    fake.clearRequests();
    await expect(oauth().refreshCredentials({ client, credentials, context: context() })).resolves.toEqual({
      credentials,
    });
    expect(fake.requests).toEqual([]);
  });

  it('refreshes an expiring token: the expired one gets 401, the refresh token rotates', async () => {
    const { verifier, challenge } = pkce();
    const start = clock.now();
    const url = oauth().authorizationUrl({
      client: expiringClient,
      redirectUri,
      state: 's5',
      codeChallenge: challenge,
      context: context(),
    });
    const code = await authorize(url, 's5');
    const first = await oauth().exchangeCode({
      client: expiringClient,
      redirectUri,
      code,
      codeVerifier: verifier,
      context: context(),
    });
    expect(first.credentials).toEqual({
      access_token: expect.stringMatching(/^ghu_/),
      refresh_token: expect.stringMatching(/^ghr_/),
      scope: '',
    });
    expect(first.expiresAt?.getTime()).toBe(start + 8 * 3_600_000);

    clock.advance(8 * 3_600_000 + 1000);
    const expired = await failureOf(validate(first.credentials));
    expect(expired).toBeInstanceOf(CredentialsError);
    expect(expired.message).toBe('GitHub refused the token: Bad credentials');

    const second = await oauth().refreshCredentials({
      client: expiringClient,
      credentials: first.credentials,
      context: context(),
    });
    expect(second.credentials.access_token).not.toBe(first.credentials.access_token);
    expect(second.credentials.refresh_token).not.toBe(first.credentials.refresh_token);
    expect(second.expiresAt?.getTime()).toBe(clock.now() + 8 * 3_600_000);
    await expect(validate(second.credentials)).resolves.toBeUndefined();

    const stale = await failureOf(
      oauth().refreshCredentials({
        client: expiringClient,
        credentials: first.credentials,
        context: context(),
      }),
    );
    expect(stale).toBeInstanceOf(CredentialsError);
    expect(stale.message).toContain('bad_refresh_token');
  });
});
