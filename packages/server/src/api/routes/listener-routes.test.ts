import { readFileSync } from 'node:fs';
import { signGitHubBody } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followEvents } from '../../listening/sse-client.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../../test-server.test-helpers.js';

const FIXTURE = readFileSync(
  new URL('../../engine/dsl/fixtures/github-two-triggers.yml', import.meta.url),
  'utf8',
);
const FIXTURE_SUBSCRIPTION = '3f6c2b9e-8d41-4c1a-9b7e-2a5d0c8f1e63';
const PULL_REQUEST_NODE = '1754400000001';
const OPENED = { action: 'opened', number: 7, pull_request: { title: 'Add retries', number: 7 } };

/** "Stop listening" over HTTP, on a draft GitHub trigger of the whole service. */
describe('DELETE /api/v1/listeners/{listenerId}', () => {
  let server: TestServer;
  let subscriptionId: string;
  let secret: string;
  let deliveries = 0;

  beforeAll(async () => {
    server = await startTestServer();
    const builder = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      body: { method: 'manual' },
    });
    subscriptionId = builder.json.id;
    secret = builder.json.properties.webhook_secret;
    expect((await server.api('POST', `/api/v1/subscription-builders/${subscriptionId}/build`)).status).toBe(
      201,
    );
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function listenOnDraft() {
    const created = await fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
      body: FIXTURE.replaceAll(FIXTURE_SUBSCRIPTION, subscriptionId),
    });
    expect(created.status).toBe(201);
    const workflowId = ((await created.json()) as { id: string }).id;
    const listener = await server.api(
      'POST',
      `/api/v1/workflows/${workflowId}/draft/nodes/${PULL_REQUEST_NODE}/listen`,
    );
    expect(listener.status).toBe(201);
    const listenerId: string = listener.json.listenerId;
    const stream = followEvents(`${server.url}/api/v1/listeners/${listenerId}/events`, OWNER_TOKEN);
    expect(await stream.opened).toBe(200);
    return { workflowId, listenerId, events: stream.events };
  }

  /** Sends a signed pull request event and waits until the dispatcher is done with it. */
  async function deliverAndDispatch(): Promise<{ runs: string[] }> {
    deliveries += 1;
    const deliveryId = `cancel-${deliveries}`;
    const body = JSON.stringify(OPENED);
    const reply = await fetch(`${server.url}/triggers/plugin/${subscriptionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'pull_request',
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': signGitHubBody(body, secret),
      },
      body,
    });
    expect(reply.status).toBe(200);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const logs = await server.api('GET', `/api/v1/subscriptions/${subscriptionId}/logs`);
      const log = logs.json.items.find((item: { deliveryId: string }) => item.deliveryId === deliveryId);
      if (log?.dispatchState === 'done') return log;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`delivery ${deliveryId} was not dispatched`);
  }

  it('ends the stream with cancelled, and an event afterwards starts no draft run', async () => {
    const { workflowId, listenerId, events } = await listenOnDraft();
    const cancelled = await server.api('DELETE', `/api/v1/listeners/${listenerId}`);
    expect(cancelled.status).toBe(204);
    expect(cancelled.json).toBeUndefined();
    expect((await events).map((event) => event.event)).toEqual(['listening', 'cancelled']);

    expect((await deliverAndDispatch()).runs).toEqual([]);
    const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
    expect(runs.json.items).toEqual([]);
    const replayed = followEvents(`${server.url}/api/v1/listeners/${listenerId}/events`, OWNER_TOKEN);
    expect((await replayed.events).map((event) => event.event)).toEqual(['listening', 'cancelled']);
  });

  it("answers 404 for an unknown listener and for another workspace's, which keeps listening", async () => {
    const other = await server.api('POST', '/api/v1/workspaces', { body: { name: 'Elsewhere' } });
    const { workflowId, listenerId, events } = await listenOnDraft();
    const foreign = await server.api('DELETE', `/api/v1/listeners/${listenerId}`, {
      token: other.json.token,
    });
    expect(foreign.status).toBe(404);
    expect(foreign.json.error).toEqual({
      code: 'not_found',
      message: `listener "${listenerId}" was not found`,
    });
    const unknown = await server.api('DELETE', '/api/v1/listeners/no-such-listener');
    expect(unknown.status).toBe(404);

    const log = await deliverAndDispatch();
    const stream = (await events).map((event) => event.event);
    expect(stream[1]).toBe('captured');
    expect(stream.at(-1)).toBe('result');
    const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
    expect(runs.json.items.map((run: { id: string }) => run.id)).toEqual(log.runs);
  });

  it('is described in the OpenAPI document', async () => {
    const document = await server.api('GET', '/openapi.json');
    const route = document.json.paths['/api/v1/listeners/{listenerId}'].delete;
    expect(route.operationId).toBe('cancelListener');
    expect(Object.keys(route.responses)).toEqual(expect.arrayContaining(['204', '404']));
  });
});
