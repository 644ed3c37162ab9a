import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildManualGitHubSubscription,
  type ManualGitHubSubscription,
} from '../../github-manual-subscription.test-helpers.js';
import { listenOnDraftNode, PULL_REQUEST_OPENED } from '../../listening/draft-listener.test-helpers.js';
import { followEvents } from '../../listening/sse-client.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../../test-server.test-helpers.js';

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
    return { workflowId, ...(await listenOnDraftNode(server, workflowId)) };
  }

  /** Sends a signed pull request event and waits until the dispatcher is done with it. */
  async function deliverAndDispatch(): Promise<{ runs: string[] }> {
    deliveries += 1;
    const deliveryId = `cancel-${deliveries}`;
    const reply = await github.deliver('pull_request', PULL_REQUEST_OPENED, deliveryId);
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
