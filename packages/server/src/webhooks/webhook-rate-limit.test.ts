import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../test-server.test-helpers.js';

const FIXTURE = readFileSync(new URL('../engine/dsl/fixtures/webhook-trigger.yml', import.meta.url), 'utf8');

describe('webhook trigger rate limit', () => {
  let server: TestServer;
  let productionUrl: string;

  beforeAll(async () => {
    server = await startTestServer({ TRIPLINE_ENDPOINT_RATE_LIMIT: '1', TRIPLINE_ENDPOINT_BURST: '2' });
    const created = await fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
      body: FIXTURE,
    });
    expect(created.status).toBe(201);
    const workflowId = ((await created.json()) as { id: string }).id;
    expect((await server.api('POST', `/api/v1/workflows/${workflowId}/publish`)).status).toBeLessThan(300);
    const webhooks = await server.api('GET', `/api/v1/workflows/${workflowId}/webhooks`);
    // The test server's TRIGGER_URL names port 0, so the path is joined to where it really listens.
    productionUrl = `${server.url}/triggers/webhook/${webhooks.json.items[0].webhookId}`;
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('answers 429 with Retry-After once a webhook id spends its burst, and names the limit', async () => {
    const send = () =>
      fetch(productionUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ order_id: 'A1', total: 3 }),
      });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const reply = await send();
      statuses.push(reply.status);
      if (reply.status === 429) limited = reply;
      else await reply.arrayBuffer();
    }
    expect(statuses.slice(0, 2).every((status) => status >= 200 && status < 300)).toBe(true);
    expect(statuses.slice(2)).toContain(429);
    expect(limited?.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await limited?.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('rate_limited');
    expect(body.error.message).toContain('limit of 1 per second');
  });
});
