import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildManualGitHubSubscription,
  type ManualGitHubSubscription,
} from '../../github-manual-subscription.test-helpers.js';
import { followEvents } from '../../listening/sse-client.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../../test-server.test-helpers.js';

const PULL_REQUEST_NODE = '1754400000001';
const OPENED = { action: 'opened', number: 7, pull_request: { title: 'Add retries', number: 7 } };

/** "Stop listening" over HTTP, on a draft GitHub trigger of the whole service. */
describe('DELETE /api/v1/listeners/{listenerId}', () => {
  let server: TestServer;
  let github: ManualGitHubSubscription;
  let deliveries = 0;

  beforeAll(async () => {
    server = await startTestServer();
    github = await buildManualGitHubSubscription(server);
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function listenOnDraft() {
    const workflowId = await github.importWorkflow();
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
    const reply = await github.deliver('pull_request', OPENED, deliveryId);
    expect(reply.status).toBe(200);
    return github.dispatchedLog(deliveryId);
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
