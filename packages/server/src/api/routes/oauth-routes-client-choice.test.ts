import { MASKED_SECRET } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { resultOf, TRIGGER_URL } from '../../oauth/oauth-test-server.test-helpers.js';
import { useOAuthRoutesServer } from './oauth-routes.test-helpers.js';

const clientUrl = (integration = 'oauthy') => `/api/v1/integrations/${integration}/oauth-client`;

describe('oauth authorize: the client it uses', () => {
  const { http, authorize, workspaceOf, builderRecord, connect } = useOAuthRoutesServer();

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
});
