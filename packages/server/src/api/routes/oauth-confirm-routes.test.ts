import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oauthyIntegration } from '../../oauth/oauth-test-integration.test-helpers.js';
import {
  type OAuthTestServer,
  OWNER_TOKEN,
  resultOf,
  startOAuthTestServer,
  workspaceOf as workspaceOfToken,
} from '../../oauth/oauth-test-server.test-helpers.js';

const REFUSED = 'this authorization was started by someone else; start the connection yourself';

describe('oauth confirm: only the member who started an authorization saves its tokens', () => {
  let http: OAuthTestServer;
  beforeAll(async () => {
    http = await startOAuthTestServer({
      integrations: [oauthyIntegration],
      // The instance-wide client: once a user approved it, the provider redirects without asking.
      env: { TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'sys-app', TRIPLINE_OAUTH_OAUTHY_CLIENT_SECRET: 'sys-secret' },
    });
    http.provider.registerApp('sys-app', 'sys-secret');
  });
  afterAll(async () => {
    await http.stop();
  });

  const workspaceOf = (token: string) => workspaceOfToken(http, token);

  /** The credentials a workspace holds for oauthy, and what its builder points at. */
  const savedIn = async (token: string, builderId?: string) => {
    const workspaceId = await workspaceOf(token);
    return {
      credential: await http.server.store.credentials.latestActive(workspaceId, 'oauthy'),
      builderCredential: builderId
        ? (await http.server.store.builders.get(workspaceId, builderId))?.credentialId
        : undefined,
    };
  };

  /** `token` starts an authorization of its own builder; whoever's browser follows the URL lands on the callback. */
  const startedBy = async (token: string) => {
    const builderId = await http.builder({ token });
    const started = await http.api('POST', `/api/v1/subscription-builders/${builderId}/oauth/authorize`, {
      token,
    });
    expect(started.status).toBe(200);
    const back = await http.consent(started.json.authorizationUrl);
    const done = await http.callback(back.search);
    expect(resultOf(done.location).get('outcome')).toBe('authorized');
    return { builderId, location: done.location, accessToken: http.provider.accessTokens.at(-1) };
  };

  const confirmAs = (token: string, builderId: string, location: string) =>
    http.api('POST', `/api/v1/subscription-builders/${builderId}/oauth/confirm`, {
      token,
      body: { confirmation: resultOf(location).get('confirmation') },
    });

  it("a victim's browser following an attacker's authorization URL puts nothing in either workspace", async () => {
    const attacker = await http.otherWorkspace();
    const victim = await http.otherWorkspace();
    // The attacker sends the URL; the victim's browser consents (or is waved through) and comes back.
    const { builderId, location, accessToken } = await startedBy(attacker);
    expect(await savedIn(attacker, builderId)).toEqual({ credential: undefined, builderCredential: null });
    expect((await savedIn(victim)).credential).toBeUndefined();

    // The victim's console confirms with the victim's session: refused, and the tokens are gone.
    const refused = await confirmAs(victim, builderId, location);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toEqual({ code: 'oauth_confirmation_refused', message: REFUSED });
    expect(await savedIn(attacker, builderId)).toEqual({ credential: undefined, builderCredential: null });
    expect((await savedIn(victim)).credential).toBeUndefined();
    // Even the attacker, had the value leaked to them, finds nothing left to confirm.
    const later = await confirmAs(attacker, builderId, location);
    expect(later.status).toBe(404);
    expect(later.json.error.code).toBe('oauth_confirmation_unknown');
    expect(await savedIn(attacker, builderId)).toEqual({ credential: undefined, builderCredential: null });
    expect(http.logs.join('\n')).not.toContain(String(accessToken));
  });

  it('an authorization nobody confirms stores nothing; only its starter can make it a credential', async () => {
    const starter = await http.otherWorkspace();
    const { builderId, location } = await startedBy(starter);
    expect(await savedIn(starter, builderId)).toEqual({ credential: undefined, builderCredential: null });
    const confirmed = await confirmAs(starter, builderId, location);
    expect(confirmed.status).toBe(200);
    const saved = await savedIn(starter, builderId);
    expect(saved.credential?.id).toBe(saved.builderCredential);
    expect(confirmed.json.credential).toMatchObject({ id: saved.credential?.id, status: 'active' });
  });

  it('another member of the same workspace cannot confirm it, and its tokens are discarded', async () => {
    const before = await savedIn(OWNER_TOKEN);
    const { builderId, location } = await startedBy(OWNER_TOKEN);
    const colleague = await http.member('admin');
    const refused = await confirmAs(colleague, builderId, location);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toEqual({ code: 'oauth_confirmation_refused', message: REFUSED });
    expect(await savedIn(OWNER_TOKEN, builderId)).toEqual({ ...before, builderCredential: null });
    expect((await confirmAs(OWNER_TOKEN, builderId, location)).status).toBe(404);
  });

  it('the starter cannot redeem an authorization on another builder than the one it was started for', async () => {
    const starter = await http.otherWorkspace();
    const { builderId, location } = await startedBy(starter);
    const otherBuilder = await http.builder({ token: starter });
    const refused = await confirmAs(starter, otherBuilder, location);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('oauth_confirmation_refused');
    expect(await savedIn(starter, builderId)).toEqual({ credential: undefined, builderCredential: null });
    expect((await savedIn(starter, otherBuilder)).builderCredential).toBeNull();
  });

  it('a confirmation works once: the second is refused and changes nothing', async () => {
    const starter = await http.otherWorkspace();
    const { builderId, location } = await startedBy(starter);
    expect((await confirmAs(starter, builderId, location)).status).toBe(200);
    const saved = await savedIn(starter, builderId);
    const again = await confirmAs(starter, builderId, location);
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('oauth_confirmation_unknown');
    expect(await savedIn(starter, builderId)).toEqual(saved);
  });

  it('a confirmation expires after 10 minutes: refused, nothing stored', async () => {
    const starter = await http.otherWorkspace();
    const { builderId, location } = await startedBy(starter);
    http.clock.advance(10 * 60_000);
    const expired = await confirmAs(starter, builderId, location);
    expect(expired.status).toBe(410);
    expect(expired.json.error.code).toBe('oauth_confirmation_expired');
    expect(expired.json.error.message).toContain('connect again');
    expect(await savedIn(starter, builderId)).toEqual({ credential: undefined, builderCredential: null });
  });

  it('unknown confirmations are 404, a viewer may not confirm, and the body is checked', async () => {
    const builderId = await http.builder();
    const unknown = await http.api('POST', `/api/v1/subscription-builders/${builderId}/oauth/confirm`, {
      body: { confirmation: 'forged-confirmation-value' },
    });
    expect(unknown.status).toBe(404);
    const { location } = await startedBy(OWNER_TOKEN);
    expect((await confirmAs(await http.member('viewer'), builderId, location)).status).toBe(403);
    const empty = await http.api('POST', `/api/v1/subscription-builders/${builderId}/oauth/confirm`, {
      body: {},
    });
    expect(empty.status).toBe(400);
    expect(empty.json.error.message).toContain('confirmation');
  });

  it('a builder that expired before the confirmation is refused with 410', async () => {
    const starter = await http.otherWorkspace();
    const { builderId, location } = await startedBy(starter);
    await http.server.store.builders.update(await workspaceOf(starter), builderId, {
      expiresAt: new Date(http.clock.now() - 1),
    });
    const refused = await confirmAs(starter, builderId, location);
    expect(refused.status).toBe(410);
    expect(refused.json.error.code).toBe('builder_expired');
    expect((await savedIn(starter)).credential).toBeUndefined();
  });
});
