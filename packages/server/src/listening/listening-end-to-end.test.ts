import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildManualGitHubSubscription,
  type ManualGitHubSubscription,
} from '../github-manual-subscription.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../test-server.test-helpers.js';
import { listenOnDraftNode, PULL_REQUEST_NODE, PULL_REQUEST_OPENED } from './draft-listener.test-helpers.js';
import { followEvents, type SseEvent } from './sse-client.test-helpers.js';

/** "Run this step" over HTTP: unpublished drafts run only for the listeners waiting on them. */
describe('listening on a draft GitHub trigger', () => {
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

  async function deliver(event: string, payload: object): Promise<string> {
    deliveries += 1;
    const deliveryId = `listen-${deliveries}`;
    const reply = await github.deliver(event, payload, deliveryId);
    expect(reply.status).toBe(200);
    return deliveryId;
  }

  const listen = (workflowId: string, nodeId?: string) => listenOnDraftNode(server, workflowId, nodeId);

  function names(events: readonly SseEvent[]): string[] {
    return events.map((event) => (event.event === 'node' ? `node:${event.data.node.status}` : event.event));
  }

  it('starts nothing for an event of a draft that is not listening', async () => {
    const workflowId = await github.importWorkflow();
    const log = await github.dispatchedLog(await deliver('pull_request', PULL_REQUEST_OPENED));
    expect(log.runs).toEqual([]);
    const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
    expect(runs.json.items).toEqual([]);
  });

  it('captures the next event and streams captured, node progress and the result of the draft run', async () => {
    const workflowId = await github.importWorkflow();
    const { events } = await listen(workflowId);
    const deliveryId = await deliver('pull_request', PULL_REQUEST_OPENED);
    const stream = await events;
    const order = names(stream);
    expect(order[0]).toBe('listening');
    expect(order[1]).toBe('captured');
    expect(order.at(-1)).toBe('result');
    expect(order).toContain('node:started');
    expect(order).toContain('node:succeeded');
    const captured = stream[1]?.data;
    expect(captured.nodeId).toBe(PULL_REQUEST_NODE);
    expect(captured.event.name).toBe('pull_request');
    const result = stream.at(-1)?.data;
    expect(result).toMatchObject({
      status: 'succeeded',
      outputs: { summary: 'New on GitHub for #dev: Add retries' },
    });
    const run = await server.api('GET', `/api/v1/runs/${captured.runId}`);
    expect(run.json).toMatchObject({ draft: true, versionId: null, workflowId, status: 'succeeded' });
    const log = await github.dispatchedLog(deliveryId);
    expect(log.runs).toContain(captured.runId);
    expect(JSON.stringify(log.dispatch)).toContain('"draft":true');
  });

  it('captures once: the listener has ended and a second event starts nothing', async () => {
    const workflowId = await github.importWorkflow();
    const { listenerId, events } = await listen(workflowId);
    await deliver('pull_request', PULL_REQUEST_OPENED);
    await events;
    await github.dispatchedLog(await deliver('pull_request', PULL_REQUEST_OPENED));
    const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
    expect(runs.json.items).toHaveLength(1);
    const replayed = followEvents(`${server.url}/api/v1/listeners/${listenerId}/events`, OWNER_TOKEN);
    expect(names(await replayed.events).at(-1)).toBe('result');
  });

  it('leaves an event the draft filter refuses uncaptured', async () => {
    const workflowId = await github.importWorkflow();
    const listener = await listen(workflowId);
    const closed = { ...PULL_REQUEST_OPENED, action: 'closed' };
    expect((await github.dispatchedLog(await deliver('pull_request', closed))).runs).toEqual([]);
    await deliver('pull_request', PULL_REQUEST_OPENED);
    const stream = await listener.events;
    expect(stream.filter((event) => event.event === 'captured')).toHaveLength(1);
    const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
    expect(runs.json.items).toHaveLength(1);
  });

  it('gives the event to every listener, each with a run of its own', async () => {
    const workflowId = await github.importWorkflow();
    const first = await listen(workflowId);
    const second = await listen(workflowId);
    await deliver('pull_request', PULL_REQUEST_OPENED);
    const results = await Promise.all([first.events, second.events]);
    const runIds = results.map((stream) => stream.find((event) => event.event === 'captured')?.data.runId);
    expect(new Set(runIds).size).toBe(2);
    for (const stream of results) expect(stream.at(-1)?.data.status).toBe('succeeded');
  });

  it('listening on all triggers of a draft is taken by the first event', async () => {
    const workflowId = await github.importWorkflow();
    const listener = await server.api('POST', `/api/v1/workflows/${workflowId}/draft/listen`);
    expect(listener.status).toBe(201);
    const stream = followEvents(
      `${server.url}/api/v1/listeners/${listener.json.listenerId}/events`,
      OWNER_TOKEN,
    );
    await stream.opened;
    await deliver('issues', { action: 'opened', issue: { title: 'Crash on start', number: 9 } });
    const events = await stream.events;
    expect(events.find((event) => event.event === 'captured')?.data.nodeId).toBe('1754400000002');
    await github.dispatchedLog(await deliver('pull_request', PULL_REQUEST_OPENED));
    const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
    expect(runs.json.items).toHaveLength(1);
  });

  it('answers 404 for a listener of another workspace and 422 for a node that cannot listen', async () => {
    const workflowId = await github.importWorkflow();
    const other = await server.api('POST', '/api/v1/workspaces', { body: { name: 'Other' } });
    const { listenerId, events, close } = await listen(workflowId);
    const foreign = await server.api('GET', `/api/v1/listeners/${listenerId}/events`, {
      token: other.json.token,
    });
    expect(foreign.status).toBe(404);
    const endNode = await server.api(
      'POST',
      `/api/v1/workflows/${workflowId}/draft/nodes/1754400000006/listen`,
    );
    expect(endNode.status).toBe(422);
    expect(endNode.json.error.message).toContain('listenable node types');
    close();
    expect(names(await events)).toEqual(['listening']);
  });
});
