import { afterEach, describe, expect, it } from 'vitest';
import { buildManualGitHubSubscription } from './github-manual-subscription.test-helpers.js';
import { startTestServer, type TestServer } from './test-server.test-helpers.js';

describe('startServer', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('bootstraps the configured owner token and serves the API and the ingress on one port', async () => {
    server = await startTestServer();
    expect(server.generatedBootstrapToken).toBeUndefined();
    const me = await server.api('GET', '/api/v1/workspace');
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ name: 'Default', member: { role: 'owner' } });
    const unknown = await fetch(`${server.url}/triggers/plugin/00000000-0000-4000-8000-000000000000`, {
      method: 'POST',
      body: '{}',
    });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: 'not_found' } });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('counts every stored delivery in the delivery batch sizes on /metrics', async () => {
    server = await startTestServer();
    const subscription = await buildManualGitHubSubscription(server);
    const sent = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        subscription.deliver('ping', { zen: 'Keep it logically awesome.', hook_id: index }, `ping-${index}`),
      ),
    );
    expect(sent.map((answer) => answer.status)).toEqual(Array.from({ length: 40 }, () => 200));
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const sum = Number(/^tripline_delivery_batch_size_sum (\d+)$/m.exec(text)?.[1]);
    const count = Number(/^tripline_delivery_batch_size_count (\d+)$/m.exec(text)?.[1]);
    // 40 deliveries in at least one and at most 40 transactions.
    expect(sum).toBe(40);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(40);
  });

  it('generates an owner token when none is configured and it works once shown', async () => {
    server = await startTestServer({ TRIPLINE_BOOTSTRAP_TOKEN: '' });
    const token = server.generatedBootstrapToken;
    expect(token).toMatch(/^tl_[A-Za-z0-9_-]{40,}$/);
    const me = await server.api('GET', '/api/v1/workspace', { token: token ?? '' });
    expect(me.status).toBe(200);
  });
});
