import { MASKED_SECRET } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../crypto/secret-box.js';
import { pkceChallenge } from '../../oauth/oauth-secrets.js';
import { oauthyIntegration, plainOAuthIntegration } from '../../oauth/oauth-test-integration.test-helpers.js';
import {
  type OAuthTestServer,
  OWNER_TOKEN,
  resultOf,
  SECRET_KEY,
  startOAuthTestServer,
  TRIGGER_URL,
} from '../../oauth/oauth-test-server.test-helpers.js';
import { hashToken } from '../../workspaces/hash-token.js';

const box = new SecretBox(Buffer.from(SECRET_KEY, 'base64'));
const clientUrl = (integration = 'oauthy') => `/api/v1/integrations/${integration}/oauth-client`;

describe('oauth authorize and callback', () => {
  let http: OAuthTestServer;
  beforeAll(async () => {
    http = await startOAuthTestServer({
      integrations: [oauthyIntegration, plainOAuthIntegration],
      env: { TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'sys-app', TRIPLINE_OAUTH_OAUTHY_CLIENT_SECRET: 'sys-secret' },
    });
    http.provider.registerApp('sys-app', 'sys-secret');
    http.provider.registerApp('ws-app', 'ws-secret');
    http.provider.registerApp('plain-app', 'plain-secret');
  });
  afterAll(async () => {
    await http.stop();
  });

  const authorize = (builderId: string, token?: string) =>
    http.api('POST', `/api/v1/subscription-builders/${builderId}/oauth/authorize`, token ? { token } : {});

  const workspaceOf = async (token: string) => {
    const principal = await http.server.store.workspaces.authenticate(
      hashToken(token),
      new Date(http.clock.now()),
    );
    if (!principal) throw new Error('token does not authenticate');
    return principal.workspaceId;
  };

  const builderRecord = async (builderId: string, token = OWNER_TOKEN) =>
    http.server.store.builders.get(await workspaceOf(token), builderId);

  /** authorize -> provider consent -> our callback, as the browser goes, then the console's confirm. */
  const connect = async (builderId: string, token?: string) => {
    const started = await authorize(builderId, token);
    expect(started.status).toBe(200);
    const back = await http.consent(started.json.authorizationUrl);
    const done = await http.callback(back.search);
    const confirmed =
      resultOf(done.location).get('outcome') === 'authorized'
        ? await http.confirm(done.location, token)
        : undefined;
    return { started, back, done, confirmed };
  };

  it('authorize answers the provider URL with client_id, redirect_uri, state and an S256 challenge', async () => {
    const builderId = await http.builder();
    const started = await authorize(builderId);
    expect(started.status).toBe(200);
    expect(started.json.expiresAt).toBe(new Date(http.clock.now() + 10 * 60_000).toISOString());
    const url = new URL(started.json.authorizationUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${http.provider.url}/authorize`);
    expect(url.searchParams.get('client_id')).toBe('sys-app');
    expect(url.searchParams.get('redirect_uri')).toBe(`${TRIGGER_URL}/oauth/callback`);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    // Two authorizations never share a state.
    const again = new URL((await authorize(builderId)).json.authorizationUrl);
    expect(again.searchParams.get('state')).not.toBe(url.searchParams.get('state'));
  });

  it('the full flow saves the tokens sealed as a credential and sets it on the builder only once confirmed', async () => {
    const builderId = await http.builder();
    const before = await builderRecord(builderId);
    const started = await authorize(builderId);
    const back = await http.consent(started.json.authorizationUrl);
    const done = await http.callback(back.search);
    expect(done.status).toBe(302);
    expect(done.location).toMatch(
      new RegExp(
        `^/#/oauth-result\\?builder=${builderId}&outcome=authorized&confirmation=[A-Za-z0-9_-]{43}$`,
      ),
    );
    // The callback stored nothing the workspace can use yet.
    expect(await builderRecord(builderId)).toEqual(before);

    const confirmed = await http.confirm(done.location);
    expect(confirmed.status).toBe(200);
    expect(confirmed.json).toMatchObject({
      id: builderId,
      hasCredentials: true,
      credential: { status: 'active' },
    });
    const builder = await builderRecord(builderId);
    expect(builder?.credentialId).toBeTruthy();
    expect(builder?.credentialId).not.toBe(before?.credentialId);
    expect(confirmed.json.credential.id).toBe(builder?.credentialId);
    const credential = await http.server.store.credentials.get(
      await workspaceOf(OWNER_TOKEN),
      String(builder?.credentialId),
    );
    expect(credential).toMatchObject({
      integration: 'oauthy',
      method: 'oauth',
      status: 'active',
      clientSource: 'system',
    });
    expect(credential?.expiresAt?.getTime()).toBe(http.clock.now() + 3600_000);
    const accessToken = http.provider.accessTokens.at(-1);
    expect(credential?.credentials).not.toContain(String(accessToken));
    expect(JSON.parse(box.open(String(credential?.credentials))).access_token).toBe(accessToken);
    expect(JSON.stringify(confirmed.json)).not.toContain(String(accessToken));

    // PKCE: the verifier sent at the exchange matches the challenge sent at authorize.
    const exchange = http.provider.tokenRequests.at(-1);
    expect(exchange?.grantType).toBe('authorization_code');
    const challenge = new URL(started.json.authorizationUrl).searchParams.get('code_challenge');
    expect(pkceChallenge(String(exchange?.codeVerifier))).toBe(challenge);

    // Nothing secret reaches the log: not the state, the code, the confirmation, the tokens nor the client secret.
    const logs = http.logs.join('\n');
    expect(logs).toContain(builderId);
    for (const secret of [
      back.searchParams.get('state'),
      back.searchParams.get('code'),
      resultOf(done.location).get('confirmation'),
      accessToken,
      'sys-secret',
    ]) {
      expect(logs).not.toContain(String(secret));
    }
  });

  it('a forged state is refused and stores nothing', async () => {
    const builderId = await http.builder();
    await authorize(builderId);
    const before = await builderRecord(builderId);
    const exchanges = http.provider.tokenRequests.length;
    const done = await http.callback('?code=anything&state=forged-state-value');
    expect(done.status).toBe(302);
    const result = resultOf(done.location);
    expect(result.get('outcome')).toBe('failed');
    expect(result.get('builder')).toBeNull();
    expect(result.get('message')).toContain('unknown or was used already');
    expect(http.provider.tokenRequests.length).toBe(exchanges);
    expect((await builderRecord(builderId))?.credentialId).toBe(before?.credentialId);
  });

  it('a state works once: the second callback with it is refused', async () => {
    const builderId = await http.builder();
    const { back, confirmed } = await connect(builderId);
    expect(confirmed?.status).toBe(200);
    const exchanges = http.provider.tokenRequests.length;
    const credentialId = (await builderRecord(builderId))?.credentialId;
    const again = await http.callback(back.search);
    expect(resultOf(again.location).get('outcome')).toBe('failed');
    expect(resultOf(again.location).get('message')).toContain('unknown or was used already');
    expect(http.provider.tokenRequests.length).toBe(exchanges);
    expect((await builderRecord(builderId))?.credentialId).toBe(credentialId);
  });

  it('an expired state is refused with the builder named, and nothing is exchanged', async () => {
    const builderId = await http.builder();
    const started = await authorize(builderId);
    const back = await http.consent(started.json.authorizationUrl);
    const before = await builderRecord(builderId);
    const exchanges = http.provider.tokenRequests.length;
    http.clock.advance(10 * 60_000 + 1);
    const done = await http.callback(back.search);
    const result = resultOf(done.location);
    expect(result.get('outcome')).toBe('failed');
    expect(result.get('builder')).toBe(builderId);
    expect(result.get('message')).toContain('expired');
    expect(http.provider.tokenRequests.length).toBe(exchanges);
    expect((await builderRecord(builderId))?.credentialId).toBe(before?.credentialId);
  });

  it('a denied consent ends as failed with what the provider said', async () => {
    const builderId = await http.builder();
    const started = await authorize(builderId);
    http.provider.denyNext();
    const back = await http.consent(started.json.authorizationUrl);
    expect(back.searchParams.get('error')).toBe('access_denied');
    const done = await http.callback(back.search);
    expect(done.location).toBe(
      `/#/oauth-result?builder=${builderId}&outcome=failed&message=${encodeURIComponent(
        'OAuthy did not authorize the connection: The user has denied your application access.',
      )}`,
    );
    // The state was used up by the denial.
    expect(
      resultOf((await http.callback(`?code=x&state=${back.searchParams.get('state')}`)).location).get(
        'message',
      ),
    ).toContain('unknown');
  });

  it('the workspace client wins while enabled; disabled, the system client is used again', async () => {
    const token = await http.otherWorkspace();
    const put = await http.api('PUT', clientUrl(), {
      token,
      body: { client: { client_id: 'ws-app', client_secret: 'ws-secret' } },
    });
    expect(put.status).toBe(200);
    const builderId = await http.builder({ token });
    const { started, confirmed } = await connect(builderId, token);
    expect(new URL(started.json.authorizationUrl).searchParams.get('client_id')).toBe('ws-app');
    expect(confirmed?.status).toBe(200);
    const builder = await builderRecord(builderId, token);
    const credential = await http.server.store.credentials.get(
      await workspaceOf(token),
      String(builder?.credentialId),
    );
    expect(credential?.clientSource).toBe('workspace');

    await http.api('PUT', clientUrl(), {
      token,
      body: { client: { client_id: 'ws-app', client_secret: MASKED_SECRET }, enabled: false },
    });
    const fallback = await authorize(await http.builder({ token }), token);
    expect(new URL(fallback.json.authorizationUrl).searchParams.get('client_id')).toBe('sys-app');
  });

  it('a workspace client with a wrong secret fails at the exchange and says so', async () => {
    const token = await http.otherWorkspace();
    await http.api('PUT', clientUrl(), {
      token,
      body: { client: { client_id: 'ws-app', client_secret: 'wrong' } },
    });
    const builderId = await http.builder({ token });
    const { done } = await connect(builderId, token);
    const result = resultOf(done.location);
    expect(result.get('outcome')).toBe('failed');
    expect(result.get('builder')).toBe(builderId);
    expect(result.get('message')).toContain(
      'OAuthy refused the credentials while exchanging the authorization code',
    );
    expect((await builderRecord(builderId, token))?.credentialId ?? null).toBeNull();
  });

  it('without PKCE no challenge is sent; without any client, authorize says how to set one up', async () => {
    const builderId = await http.builder({ integration: 'plainoauth' });
    const missing = await authorize(builderId);
    expect(missing.status).toBe(400);
    expect(missing.json.error.code).toBe('oauth_client_missing');
    expect(missing.json.error.message).toContain('PUT /api/v1/integrations/plainoauth/oauth-client');
    expect(missing.json.error.message).toContain(`${TRIGGER_URL}/oauth/callback`);
    expect(missing.json.error.message).toContain('TRIPLINE_OAUTH_PLAINOAUTH_CLIENT_ID');

    await http.api('PUT', clientUrl('plainoauth'), {
      body: { client: { client_id: 'plain-app', client_secret: 'plain-secret' } },
    });
    const { started, confirmed } = await connect(builderId);
    expect(new URL(started.json.authorizationUrl).searchParams.has('code_challenge')).toBe(false);
    expect(http.provider.tokenRequests.at(-1)?.codeVerifier).toBeUndefined();
    expect(confirmed?.status).toBe(200);
  });

  it("authorize is for this workspace's live oauth builders, by editors", async () => {
    const builderId = await http.builder();
    expect((await authorize(builderId, await http.otherWorkspace())).status).toBe(404);
    expect((await authorize(builderId, await http.member('viewer'))).status).toBe(403);
    expect((await authorize(builderId, await http.member('editor'))).status).toBe(200);
    expect((await authorize('no-such-builder')).status).toBe(404);
    const manual = await authorize(await http.builder({ method: 'manual' }));
    expect(manual.status).toBe(400);
    expect(manual.json.error.message).toContain('uses the manual method');
    http.clock.advance(31 * 60_000);
    const expired = await authorize(builderId);
    expect(expired.status).toBe(410);
  });

  it('a builder that expired during the authorization is refused at the callback', async () => {
    const builderId = await http.builder();
    const started = await authorize(builderId);
    const back = await http.consent(started.json.authorizationUrl);
    // The state lives 10 minutes, the builder 30: move the builder's end before the callback.
    const workspaceId = await workspaceOf(OWNER_TOKEN);
    await http.server.store.builders.update(workspaceId, builderId, {
      expiresAt: new Date(http.clock.now() - 1),
    });
    const result = resultOf((await http.callback(back.search)).location);
    expect(result.get('outcome')).toBe('failed');
    expect(result.get('message')).toContain('expired or was deleted');
  });

  it('authorizing keeps the builder alive past the state, so a consent given in time connects', async () => {
    const builderId = await http.builder();
    http.clock.advance(25 * 60_000);
    const started = await authorize(builderId);
    const back = await http.consent(started.json.authorizationUrl);
    http.clock.advance(9 * 60_000);
    const done = await http.callback(back.search);
    expect(resultOf(done.location).get('outcome')).toBe('authorized');
    // The confirmation has 10 minutes of its own; the builder outlives it too.
    http.clock.advance(9 * 60_000);
    expect((await http.confirm(done.location)).status).toBe(200);
    expect((await builderRecord(builderId))?.credentialId).toBeTruthy();
  });

  it('the callback needs no token and refuses a request without a state', async () => {
    const done = await http.callback('');
    expect(done.status).toBe(302);
    expect(resultOf(done.location).get('message')).toContain('carries no state');
  });
});
