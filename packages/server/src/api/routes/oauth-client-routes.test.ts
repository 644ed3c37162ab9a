import { MASKED_SECRET } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../../crypto/secret-box.js';
import { oauthyIntegration } from '../../oauth/oauth-test-integration.test-helpers.js';
import {
  type OAuthTestServer,
  SECRET_KEY,
  startOAuthTestServer,
  TRIGGER_URL,
} from '../../oauth/oauth-test-server.test-helpers.js';
import { hooksIntegration } from '../../subscriptions/subscription-fixture.test-helpers.js';
import { hashToken } from '../../workspaces/hash-token.js';

const url = '/api/v1/integrations/oauthy/oauth-client';
const box = new SecretBox(Buffer.from(SECRET_KEY, 'base64'));

describe('oauth client routes', () => {
  let http: OAuthTestServer;
  beforeAll(async () => {
    http = await startOAuthTestServer({ integrations: [oauthyIntegration, hooksIntegration] });
  });
  afterAll(async () => {
    await http.stop();
  });

  const storedClient = async (token: string) => {
    const principal = await http.server.store.workspaces.authenticate(
      hashToken(token),
      new Date(http.clock.now()),
    );
    if (!principal) throw new Error('token does not authenticate');
    const record = await http.server.store.oauthClients.get(principal.workspaceId, 'oauthy');
    return record
      ? { record, client: JSON.parse(box.open(record.client)) as Record<string, unknown> }
      : undefined;
  };

  it('GET without a client shows the redirect URI to register and no client in effect', async () => {
    const token = await http.otherWorkspace();
    const answer = await http.api('GET', url, { token });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      integration: 'oauthy',
      redirectUri: `${TRIGGER_URL}/oauth/callback`,
      client: null,
      enabled: false,
      systemClientAvailable: false,
      effective: null,
    });
  });

  it('PUT stores the client sealed and answers it with the secret masked; GET masks it too', async () => {
    const token = await http.otherWorkspace();
    const put = await http.api('PUT', url, {
      token,
      body: { client: { client_id: 'app-1', client_secret: 'shh-secret-1' } },
    });
    expect(put.status).toBe(200);
    expect(put.json).toMatchObject({
      client: { client_id: 'app-1', client_secret: MASKED_SECRET },
      enabled: true,
      effective: 'workspace',
    });
    const got = await http.api('GET', url, { token });
    expect(got.json.client).toEqual({ client_id: 'app-1', client_secret: MASKED_SECRET });
    const stored = await storedClient(token);
    expect(stored?.record.client).not.toContain('shh-secret-1');
    expect(stored?.client).toEqual({ client_id: 'app-1', client_secret: 'shh-secret-1' });
  });

  it('PUT with the masked secret keeps the stored one; a new secret replaces it', async () => {
    const token = await http.otherWorkspace();
    await http.api('PUT', url, { token, body: { client: { client_id: 'app-2', client_secret: 'first' } } });
    const kept = await http.api('PUT', url, {
      token,
      body: { client: { client_id: 'app-2b', client_secret: MASKED_SECRET }, enabled: false },
    });
    expect(kept.status).toBe(200);
    expect(kept.json).toMatchObject({ client: { client_id: 'app-2b' }, enabled: false, effective: null });
    expect((await storedClient(token))?.client).toEqual({ client_id: 'app-2b', client_secret: 'first' });
    // `enabled` left out keeps the stored flag.
    await http.api('PUT', url, { token, body: { client: { client_id: 'app-2b', client_secret: 'second' } } });
    const stored = await storedClient(token);
    expect(stored?.client.client_secret).toBe('second');
    expect(stored?.record.enabled).toBe(false);
  });

  it('PUT refuses unknown fields, missing fields and a masked secret with nothing stored, naming them', async () => {
    const token = await http.otherWorkspace();
    const unknown = await http.api('PUT', url, {
      token,
      body: { client: { client_id: 'a', client_secret: 'b', tenant: 'x' } },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.message).toContain(
      'client.tenant is unknown; allowed: client_id, client_secret',
    );
    const missing = await http.api('PUT', url, { token, body: { client: { client_id: 'a' } } });
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toContain('client is missing client_secret');
    const masked = await http.api('PUT', url, {
      token,
      body: { client: { client_id: 'a', client_secret: MASKED_SECRET } },
    });
    expect(masked.status).toBe(400);
    expect(masked.json.error.message).toContain('no secret is stored yet');
    const wrongType = await http.api('PUT', url, {
      token,
      body: { client: { client_id: 5, client_secret: 'b' } },
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.json.error.message).toContain('client.client_id must be a string');
    expect(await storedClient(token)).toBeUndefined();
  });

  it('viewers and editors may read; only owners and admins may change the workspace-wide client', async () => {
    const viewer = await http.member('viewer');
    const editor = await http.member('editor');
    const admin = await http.member('admin');
    expect((await http.api('GET', url, { token: viewer })).status).toBe(200);
    expect((await http.api('GET', url, { token: editor })).status).toBe(200);
    const body = { client: { client_id: 'by-admin', client_secret: 's' } };
    for (const token of [viewer, editor]) {
      const put = await http.api('PUT', url, { token, body });
      expect(put.status).toBe(403);
      expect(put.json.error.message).toContain('manage');
      expect((await http.api('DELETE', url, { token })).status).toBe(403);
    }
    expect((await http.api('PUT', url, { token: admin, body })).status).toBe(200);
    expect((await http.api('GET', url, { token: editor })).json.client.client_id).toBe('by-admin');
    expect((await http.api('DELETE', url, { token: editor })).status).toBe(403);
    expect((await http.api('DELETE', url, { token: admin })).status).toBe(204);
    expect((await http.api('PUT', url, { body })).status).toBe(200);
    expect((await http.api('DELETE', url)).status).toBe(204);
  });

  it('each workspace sees and deletes only its own client', async () => {
    const mine = await http.otherWorkspace();
    const theirs = await http.otherWorkspace();
    await http.api('PUT', url, { token: mine, body: { client: { client_id: 'mine', client_secret: 's' } } });
    expect((await http.api('GET', url, { token: theirs })).json.client).toBeNull();
    expect((await http.api('DELETE', url, { token: theirs })).status).toBe(404);
    expect((await http.api('GET', url, { token: mine })).json.client.client_id).toBe('mine');
  });

  it('DELETE removes the client (204), then answers 404', async () => {
    const token = await http.otherWorkspace();
    await http.api('PUT', url, { token, body: { client: { client_id: 'gone', client_secret: 's' } } });
    expect((await http.api('DELETE', url, { token })).status).toBe(204);
    expect((await http.api('GET', url, { token })).json.client).toBeNull();
    const again = await http.api('DELETE', url, { token });
    expect(again.status).toBe(404);
    expect(again.json.error.code).toBe('not_found');
  });

  it('the OpenAPI document lists the client routes, authorize and the public callback', async () => {
    const response = await fetch(`${http.server.url}/openapi.json`);
    const document = (await response.json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
    };
    expect(Object.keys(document.paths[url.replace('oauthy', '{integration}')] ?? {}).sort()).toEqual([
      'delete',
      'get',
      'put',
    ]);
    expect(document.paths['/api/v1/subscription-builders/{id}/oauth/authorize']?.post).toBeDefined();
    expect(document.paths['/oauth/callback']?.get?.security).toEqual([]);
  });

  it('an integration without OAuth is refused with 400 naming it; an unknown one is 404', async () => {
    const manual = await http.api('GET', '/api/v1/integrations/hooks/oauth-client');
    expect(manual.status).toBe(400);
    expect(manual.json.error.message).toBe(
      'integration "hooks" does not offer OAuth; integrations that do: oauthy',
    );
    const put = await http.api('PUT', '/api/v1/integrations/hooks/oauth-client', {
      body: { client: { client_id: 'a' } },
    });
    expect(put.status).toBe(400);
    expect((await http.api('GET', '/api/v1/integrations/nope/oauth-client')).status).toBe(404);
  });
});

describe('oauth client routes with a system client', () => {
  it('shows the system client as available and in effect unless an enabled workspace client is set', async () => {
    const http = await startOAuthTestServer({
      env: { TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'sys', TRIPLINE_OAUTH_OAUTHY_CLIENT_SECRET: 'sys-secret' },
    });
    try {
      const none = await http.api('GET', url);
      expect(none.json).toMatchObject({ client: null, systemClientAvailable: true, effective: 'system' });
      expect(JSON.stringify(none.json)).not.toContain('sys-secret');
      const enabled = await http.api('PUT', url, {
        body: { client: { client_id: 'ws', client_secret: 's' } },
      });
      expect(enabled.json).toMatchObject({ enabled: true, effective: 'workspace' });
      const disabled = await http.api('PUT', url, {
        body: { client: { client_id: 'ws', client_secret: MASKED_SECRET }, enabled: false },
      });
      expect(disabled.json).toMatchObject({ enabled: false, effective: 'system' });
    } finally {
      await http.stop();
    }
  });

  it('a system client with a field missing is not available', async () => {
    const http = await startOAuthTestServer({ env: { TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'sys' } });
    try {
      expect((await http.api('GET', url)).json).toMatchObject({
        systemClientAvailable: false,
        effective: null,
      });
    } finally {
      await http.stop();
    }
  });
});
