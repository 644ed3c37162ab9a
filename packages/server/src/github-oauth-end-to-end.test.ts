import type { FakeGitHub } from '@tripline/integrations/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubTestBed, startServerWithFakeGitHub } from './github-end-to-end.test-helpers.js';
import type { TestServer } from './test-server.test-helpers.js';

describe('GitHub OAuth end to end', () => {
  let github: FakeGitHub;
  let server: TestServer;
  let triggerUrl: string;

  let bed: GitHubTestBed | undefined;

  beforeAll(async () => {
    bed = await startServerWithFakeGitHub((fake, url) => {
      fake.addUser({ login: 'octocat' });
      fake.addRepository({ fullName: 'octocat/hello', login: 'octocat' });
      fake.registerOAuthApp({
        clientId: 'Iv1.tripline',
        clientSecret: 'gh-client-secret',
        callbackUrl: `${url}/oauth/callback`,
        expiringTokens: true,
      });
    });
    ({ github, server, triggerUrl } = bed);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it('authorize -> GitHub consent -> callback -> confirm -> build creates the webhook, which delivers', async () => {
    const client = await server.api('PUT', '/api/v1/integrations/github/oauth-client', {
      body: { client: { client_id: 'Iv1.tripline', client_secret: 'gh-client-secret' } },
    });
    expect(client.status).toBe(200);
    expect(client.json.redirectUri).toBe(`${triggerUrl}/oauth/callback`);

    const builder = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      body: { method: 'oauth' },
    });
    expect(builder.status).toBe(201);
    const id = String(builder.json.id);

    const started = await server.api('POST', `/api/v1/subscription-builders/${id}/oauth/authorize`);
    expect(started.status).toBe(200);
    const authorizationUrl = new URL(started.json.authorizationUrl);
    expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(
      `${github.webUrl}/login/oauth/authorize`,
    );
    expect(authorizationUrl.searchParams.get('code_challenge_method')).toBe('S256');

    // The browser at GitHub: consent redirects to our callback, which redirects to the console.
    const consent = await fetch(authorizationUrl, { redirect: 'manual' });
    expect(consent.status).toBe(302);
    const callbackUrl = String(consent.headers.get('location'));
    expect(callbackUrl.startsWith(`${triggerUrl}/oauth/callback?`)).toBe(true);
    const callback = await fetch(callbackUrl, { redirect: 'manual' });
    expect(callback.status).toBe(302);
    const result = String(callback.headers.get('location'));
    expect(result).toMatch(
      new RegExp(`^/#/oauth-result\\?builder=${id}&outcome=authorized&confirmation=[A-Za-z0-9_-]{43}$`),
    );
    // Nothing is saved until the member who started it confirms, as the console does next.
    expect((await server.api('GET', `/api/v1/subscription-builders/${id}`)).json.credential).toBeNull();
    const confirmation = new URLSearchParams(result.split('?')[1]).get('confirmation');
    const confirmed = await server.api('POST', `/api/v1/subscription-builders/${id}/oauth/confirm`, {
      body: { confirmation },
    });
    expect(confirmed.status).toBe(200);

    const connected = await server.api('GET', `/api/v1/subscription-builders/${id}`);
    expect(connected.json).toEqual(confirmed.json);
    expect(connected.json.credential).toMatchObject({ status: 'active' });
    expect(connected.json.credential.expiresAt).not.toBeNull();
    expect(JSON.stringify(connected.json)).not.toMatch(/gh[uor]_|access_token/);

    const patched = await server.api('PATCH', `/api/v1/subscription-builders/${id}`, {
      body: { parameters: { repository: 'octocat/hello', events: ['push'] } },
    });
    expect(patched.status).toBe(200);
    const built = await server.api('POST', `/api/v1/subscription-builders/${id}/build`);
    expect(built.status).toBe(201);
    expect(built.json).toMatchObject({ id, method: 'oauth', status: 'active' });

    const hooks = github.hooks('octocat/hello');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]?.url).toBe(`${triggerUrl}/triggers/plugin/${id}`);
    const delivery = await github.deliver({
      fullName: 'octocat/hello',
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'octocat/hello' } },
    });
    expect(delivery.status).toBe(200);
    const logs = await server.api('GET', `/api/v1/subscriptions/${id}/logs`);
    expect(logs.json.items[0]).toMatchObject({ outcome: 'accepted', deliveryId: delivery.deliveryId });
  });
});
