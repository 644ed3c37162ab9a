import { signGitHubBody } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.test-helpers.js';

/**
 * Every route that takes an id, called by a member of another workspace: always 404, never the
 * data, and nothing changes in the owning workspace.
 */
describe('workspace isolation', () => {
  let server: TestServer;
  let tokenB: string;
  let builderA: string;
  let subscriptionA: string;
  let logA: string;

  beforeAll(async () => {
    server = await startTestServer();
    const created = await server.api('POST', '/api/v1/workspaces', { body: { name: 'Other team' } });
    expect(created.status).toBe(201);
    tokenB = created.json.token;

    const subscription = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      body: { method: 'manual' },
    });
    expect(subscription.status).toBe(201);
    const secret = subscription.json.properties.webhook_secret as string;
    subscriptionA = subscription.json.id;
    await server.api('PATCH', `/api/v1/subscription-builders/${subscriptionA}`, {
      body: { name: 'A hooks' },
    });
    const built = await server.api('POST', `/api/v1/subscription-builders/${subscriptionA}/build`);
    expect(built.status).toBe(201);

    const body = JSON.stringify({ zen: 'Keep it logically awesome.', hook_id: 1 });
    const delivered = await fetch(`${server.url}/triggers/plugin/${subscriptionA}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'ping',
        'x-github-delivery': 'delivery-a-1',
        'x-hub-signature-256': signGitHubBody(body, secret),
      },
      body,
    });
    expect(delivered.status).toBe(200);
    const logs = await server.api('GET', `/api/v1/subscriptions/${subscriptionA}/logs`);
    expect(logs.json.items).toHaveLength(1);
    logA = logs.json.items[0].id;

    const builder = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      body: { method: 'manual' },
    });
    builderA = builder.json.id;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('lists nothing of workspace A to workspace B', async () => {
    const list = await server.api('GET', '/api/v1/integrations/github/subscriptions', { token: tokenB });
    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([]);
    const own = await server.api('GET', '/api/v1/workspace', { token: tokenB });
    expect(own.json.name).toBe('Other team');
  });

  it('answers 404 on every id-taking route for workspace B', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/v1/subscription-builders/${builderA}`],
      ['PATCH', `/api/v1/subscription-builders/${builderA}`, { name: 'stolen' }],
      ['GET', `/api/v1/subscription-builders/${builderA}/logs`],
      ['POST', `/api/v1/subscription-builders/${builderA}/build`],
      ['GET', `/api/v1/subscriptions/${subscriptionA}`],
      ['PATCH', `/api/v1/subscriptions/${subscriptionA}`, { name: 'stolen' }],
      ['GET', `/api/v1/subscriptions/${subscriptionA}/logs`],
      ['GET', `/api/v1/subscriptions/${subscriptionA}/logs/${logA}`],
      ['POST', `/api/v1/subscriptions/${subscriptionA}/logs/${logA}/replay`],
      ['DELETE', `/api/v1/subscriptions/${subscriptionA}`],
    ];
    for (const [method, route, body] of calls) {
      const response = await server.api(method, route, { token: tokenB, body });
      expect({ method, route, status: response.status }).toEqual({ method, route, status: 404 });
      expect(response.json.error.code).toBe('not_found');
      expect(JSON.stringify(response.json)).not.toContain('A hooks');
    }
  });

  it('leaves workspace A untouched by those calls', async () => {
    const subscription = await server.api('GET', `/api/v1/subscriptions/${subscriptionA}`);
    expect(subscription.status).toBe(200);
    expect(subscription.json.name).toBe('A hooks');
    const builder = await server.api('GET', `/api/v1/subscription-builders/${builderA}`);
    expect(builder.status).toBe(200);
    expect(builder.json.name).toBeNull();
    const logs = await server.api('GET', `/api/v1/subscriptions/${subscriptionA}/logs`);
    expect(logs.json.items.map((log: { id: string }) => log.id)).toEqual([logA]);
  });
});
