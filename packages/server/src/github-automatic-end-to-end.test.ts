import type { FakeGitHub } from '@tripline/integrations/testing';
import { MASKED_SECRET } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiKeyBuilder,
  type GitHubTestBed,
  startServerWithFakeGitHub,
} from './github-end-to-end.test-helpers.js';
import { startTestServer, type TestServer } from './test-server.test-helpers.js';

describe('GitHub automatic subscriptions end to end', () => {
  let github: FakeGitHub;
  let server: TestServer;
  let token: string;

  let bed: GitHubTestBed | undefined;

  /** An api-key builder for `repository` with the token, as the console sets one up. */
  function builder(repository: string, accessToken = token): Promise<{ id: string; endpoint: string }> {
    return apiKeyBuilder(server, { repository, token: accessToken, events: ['push', 'issues'] });
  }

  beforeAll(async () => {
    bed = await startServerWithFakeGitHub((fake) => {
      ({ token } = fake.addUser({ login: 'octocat' }));
      fake.addRepository({ fullName: 'octocat/hello', login: 'octocat' });
      fake.addRepository({ fullName: 'octocat/world', login: 'octocat' });
      for (let index = 0; index < 150; index += 1) {
        fake.addRepository({ fullName: `octocat/many-${String(index).padStart(3, '0')}`, login: 'octocat' });
      }
    });
    ({ github, server } = bed);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('verify accepts a good token and answers 400 with GitHub message for a bad one', async () => {
    const good = await builder('octocat/hello');
    expect(await server.api('POST', `/api/v1/subscription-builders/${good.id}/verify`)).toMatchObject({
      status: 200,
      json: { ok: true },
    });
    const bad = await builder('octocat/hello', 'ghp_not-a-token');
    const refused = await server.api('POST', `/api/v1/subscription-builders/${bad.id}/verify`);
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('invalid_credentials');
    expect(refused.json.error.message).toContain('Bad credentials');
    expect(JSON.stringify(refused.json)).not.toContain('ghp_not-a-token');
  });

  it('lists the repositories the token administers across several pages', async () => {
    const { id } = await builder('octocat/hello');
    github.clearRequests();
    const answer = await server.api(
      'GET',
      `/api/v1/subscription-builders/${id}/parameters/repository/options`,
    );
    expect(answer.status).toBe(200);
    const values = (answer.json.options as { value: string }[]).map((option) => option.value);
    expect(values).toHaveLength(152);
    expect(values).toEqual(expect.arrayContaining(['octocat/hello', 'octocat/world', 'octocat/many-149']));
    const pages = github.requests.filter((request) => request.path === '/api/v3/user/repos');
    expect(pages.length).toBeGreaterThan(1);
  });

  it('build creates one webhook, deliveries signed with its secret are accepted, and a deleted one comes back', async () => {
    const { id, endpoint } = await builder('octocat/hello');
    const built = await server.api('POST', `/api/v1/subscription-builders/${id}/build`);
    expect(built.status).toBe(201);
    const hooks = github.hooks('octocat/hello');
    expect(hooks).toHaveLength(1);
    const [hook] = hooks;
    expect(hook).toMatchObject({ url: endpoint, active: true, contentType: 'json' });
    expect([...(hook?.events ?? [])].sort()).toEqual(['issues', 'push']);
    expect(hook?.secret).toMatch(/.{20,}/);
    expect(built.json).toMatchObject({
      id,
      endpoint,
      method: 'api-key',
      status: 'active',
      properties: { hook_id: String(hook?.id), repository: 'octocat/hello', webhook_secret: MASKED_SECRET },
    });
    expect(built.json.properties.hook_settings_url).toContain(`/octocat/hello/settings/hooks/${hook?.id}`);
    expect(JSON.stringify(built.json)).not.toContain(String(hook?.secret));

    const delivery = await github.deliver({
      fullName: 'octocat/hello',
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'octocat/hello' }, commits: [] },
    });
    expect([200, 202]).toContain(delivery.status);
    const logs = await server.api('GET', `/api/v1/subscriptions/${id}/logs`);
    expect(logs.json.items[0]).toMatchObject({ deliveryId: delivery.deliveryId, outcome: 'accepted' });

    github.deleteHookBehindOurBack('octocat/hello', Number(hook?.id));
    const checked = await server.api('POST', `/api/v1/subscriptions/${id}/check`);
    expect(checked.status).toBe(200);
    expect(checked.json.status).toBe('active');
    const [recreated] = github.hooks('octocat/hello');
    expect(recreated?.url).toBe(endpoint);
    expect(recreated?.id).not.toBe(hook?.id);
    expect(checked.json.properties.hook_id).toBe(String(recreated?.id));
    const again = await github.deliver({
      fullName: 'octocat/hello',
      event: 'issues',
      payload: { action: 'opened', issue: { number: 1 }, repository: { full_name: 'octocat/hello' } },
    });
    expect([200, 202]).toContain(again.status);

    expect((await server.api('DELETE', `/api/v1/subscriptions/${id}`)).status).toBe(204);
    expect(github.hooks('octocat/hello')).toEqual([]);
  });

  it('a changed webhook is adopted and corrected in place when GitHub says it already exists', async () => {
    const { id, endpoint } = await builder('octocat/world');
    expect((await server.api('POST', `/api/v1/subscription-builders/${id}/build`)).status).toBe(201);
    const [hook] = github.hooks('octocat/world');
    github.changeHookBehindOurBack('octocat/world', Number(hook?.id), { events: ['star'], active: false });
    github.clearRequests();

    const checked = await server.api('POST', `/api/v1/subscriptions/${id}/check`);
    expect(checked.status).toBe(200);
    const created = github.requests.filter(
      (request) => request.method === 'POST' && request.path === '/api/v3/repos/octocat/world/hooks',
    );
    expect(created.map((request) => request.status)).toEqual([422]);
    const corrected = github.hooks('octocat/world');
    expect(corrected).toEqual([expect.objectContaining({ id: hook?.id, url: endpoint, active: true })]);
    expect([...(corrected[0]?.events ?? [])].sort()).toEqual(['issues', 'push']);

    const edited = await server.api('PATCH', `/api/v1/subscriptions/${id}`, {
      body: { parameters: { events: ['push'] } },
    });
    expect(edited.status).toBe(200);
    expect(github.hooks('octocat/world')).toEqual([
      expect.objectContaining({ id: hook?.id, url: endpoint, events: ['push'] }),
    ]);
    expect((await server.api('DELETE', `/api/v1/subscriptions/${id}`)).status).toBe(204);
  });

  it('an oauth builder authorizes once; the saved authorization builds this and later subscriptions', async () => {
    github.registerOAuthApp({ clientId: 'Iv1.tripline', clientSecret: 'oauth-client-secret' });
    const client = await server.api('PUT', '/api/v1/integrations/github/oauth-client', {
      body: { client: { client_id: 'Iv1.tripline', client_secret: 'oauth-client-secret' } },
    });
    expect(client.status).toBe(200);
    const created = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      body: { method: 'oauth' },
    });
    const id: string = created.json.id;
    expect(created.json.credential).toBeNull();
    const authorize = await server.api('POST', `/api/v1/subscription-builders/${id}/oauth/authorize`);
    expect(authorize.status).toBe(200);
    const consent = await fetch(authorize.json.authorizationUrl, { redirect: 'manual' });
    const callback = consent.headers.get('location');
    expect(callback).toContain('/oauth/callback?');
    const back = await fetch(String(callback), { redirect: 'manual' });
    const result = new URLSearchParams(String(back.headers.get('location')).split('?')[1]);
    expect(result.get('outcome')).toBe('authorized');
    const confirmed = await server.api('POST', `/api/v1/subscription-builders/${id}/oauth/confirm`, {
      body: { confirmation: result.get('confirmation') },
    });
    expect(confirmed.status).toBe(200);

    const authorized = await server.api('GET', `/api/v1/subscription-builders/${id}`);
    expect(authorized.json.credential).toMatchObject({ status: 'active' });
    expect(await server.api('POST', `/api/v1/subscription-builders/${id}/verify`)).toMatchObject({
      status: 200,
      json: { ok: true },
    });
    await server.api('PATCH', `/api/v1/subscription-builders/${id}`, {
      body: { parameters: { repository: 'octocat/many-000', events: ['push'] } },
    });
    const built = await server.api('POST', `/api/v1/subscription-builders/${id}/build`);
    expect(built.status).toBe(201);
    expect(built.json.credential).toEqual(authorized.json.credential);
    expect(github.hooks('octocat/many-000').map((hook) => hook.url)).toEqual([built.json.endpoint]);

    const later = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      body: { method: 'oauth' },
    });
    expect(later.json.credential?.id).toBe(authorized.json.credential.id);
    expect((await server.api('DELETE', `/api/v1/subscriptions/${id}`)).status).toBe(204);
    expect(github.hooks('octocat/many-000')).toEqual([]);
  });

  it('a local TRIGGER_URL is refused at build unless local callbacks are allowed', async () => {
    const local = await startTestServer({
      TRIPLINE_GITHUB_API_URL: github.apiUrl,
      TRIPLINE_GITHUB_WEB_URL: github.webUrl,
    });
    try {
      const { id } = await apiKeyBuilder(local, { repository: 'octocat/hello', token, events: ['push'] });
      const answer = await local.api('POST', `/api/v1/subscription-builders/${id}/build`);
      expect(answer.status).toBe(400);
      expect(answer.json.error.code).toBe('callback_url_unreachable');
      expect(answer.json.error.message).toContain('TRIGGER_URL is http://localhost:0');
      expect(github.hooks('octocat/hello')).toEqual([]);
    } finally {
      await local.stop();
    }
  });
});
