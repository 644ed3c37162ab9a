import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../crypto/secret-box.js';
import { pkceChallenge } from '../../oauth/oauth-secrets.js';
import {
  OWNER_TOKEN,
  resultOf,
  SECRET_KEY,
  TRIGGER_URL,
} from '../../oauth/oauth-test-server.test-helpers.js';
import { useOAuthRoutesServer } from './oauth-routes.test-helpers.js';

const box = new SecretBox(Buffer.from(SECRET_KEY, 'base64'));

describe('oauth authorize and callback', () => {
  const { http, authorize, workspaceOf, builderRecord, connect } = useOAuthRoutesServer();

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
