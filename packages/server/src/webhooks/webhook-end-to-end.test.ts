import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { followEvents } from '../listening/sse-client.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../test-server.test-helpers.js';

const FIXTURE = readFileSync(new URL('../engine/dsl/fixtures/webhook-trigger.yml', import.meta.url), 'utf8')
  .replace('status_code: 200', 'status_code: 202')
  .replace('response_body: ""', 'response_body: \'{"accepted": true}\'');
const SCHEDULE = readFileSync(
  new URL('../engine/dsl/fixtures/schedule-trigger.yml', import.meta.url),
  'utf8',
);
const WEBHOOK_NODE = '1754500000001';

/** Webhook triggers over HTTP: the production URL runs the published version, the debug URL the draft. */
describe('webhook triggers', () => {
  let server: TestServer;
  let workflowId: string;
  let webhookId: string;

  beforeAll(async () => {
    server = await startTestServer();
    workflowId = await importWorkflow(FIXTURE);
    const webhooks = await server.api('GET', `/api/v1/workflows/${workflowId}/webhooks`);
    expect(webhooks.status).toBe(200);
    expect(webhooks.json.items).toHaveLength(1);
    webhookId = webhooks.json.items[0].webhookId;
    expect(webhooks.json.items[0].debugUrl).toContain(`/triggers/webhook-debug/${webhookId}`);
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function importWorkflow(document: string): Promise<string> {
    const created = await fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
      body: document,
    });
    expect(created.status).toBe(201);
    return ((await created.json()) as { id: string }).id;
  }

  function post(path: string, body: unknown): Promise<Response> {
    return fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  async function settledRun(expected: number) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
      const items = runs.json.items as { id: string; status: string }[];
      if (
        items.length >= expected &&
        items.every((run) => run.status !== 'queued' && run.status !== 'running')
      ) {
        return (await server.api('GET', `/api/v1/runs/${items[0]?.id}`)).json;
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`runs of workflow ${workflowId} did not settle`);
  }

  it('debug URL answers 409 while nobody listens, and 404 for an id that was tampered with', async () => {
    const reply = await post(`/triggers/webhook-debug/${webhookId}`, { order_id: 'A1' });
    expect(reply.status).toBe(409);
    expect(((await reply.json()) as { error: { message: string } }).error.message).toContain('Run this step');
    const tampered = `${webhookId.slice(0, -2)}${webhookId.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await post(`/triggers/webhook-debug/${tampered}`, { order_id: 'A1' })).status).toBe(404);
  });

  it('debug URL runs the draft for a listener and streams its result', async () => {
    const listener = await server.api(
      'POST',
      `/api/v1/workflows/${workflowId}/draft/nodes/${WEBHOOK_NODE}/listen`,
    );
    expect(listener.status).toBe(201);
    const stream = followEvents(
      `${server.url}/api/v1/listeners/${listener.json.listenerId}/events`,
      OWNER_TOKEN,
    );
    await stream.opened;
    const reply = await post(`/triggers/webhook-debug/${webhookId}`, { order_id: 'A1', total: 3 });
    expect(reply.status).toBe(202);
    expect(await reply.json()).toEqual({ accepted: true });
    const events = await stream.events;
    expect(events.map((event) => event.event)).toContain('captured');
    expect(events.at(-1)).toMatchObject({
      event: 'result',
      data: { status: 'succeeded', outputs: { line: 'Order A1: 3' } },
    });
    const run = await settledRun(1);
    expect(run).toMatchObject({ draft: true, invokeFrom: 'debugger' });
    expect((await post(`/triggers/webhook-debug/${webhookId}`, { order_id: 'A2' })).status).toBe(409);
  });

  it('production URL answers 404 before publication, then runs the published version with the configured answer', async () => {
    expect((await post(`/triggers/webhook/${webhookId}`, { order_id: 'B1' })).status).toBe(404);
    expect((await server.api('POST', `/api/v1/workflows/${workflowId}/publish`)).status).toBeLessThan(300);
    const reply = await post(`/triggers/webhook/${webhookId}?source=shop`, { order_id: 'B1', total: 12.5 });
    expect(reply.status).toBe(202);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(await reply.json()).toEqual({ accepted: true });
    const run = await settledRun(2);
    expect(run).toMatchObject({
      draft: false,
      invokeFrom: 'webhook',
      status: 'succeeded',
      outputs: { line: 'Order B1: 12.5' },
    });
    expect(run.versionId).not.toBeNull();
  });

  it('production URL refuses a request missing a required field with 400 naming it, and a wrong method with 405', async () => {
    const missing = await post(`/triggers/webhook/${webhookId}`, { total: 1 });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain(
      'body.order_id',
    );
    const wrongMethod = await fetch(`${server.url}/triggers/webhook/${webhookId}`);
    expect(wrongMethod.status).toBe(405);
    const wrongType = await fetch(`${server.url}/triggers/webhook/${webhookId}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'order',
    });
    expect(wrongType.status).toBe(415);
  });

  it('lists the listener and webhook routes in the OpenAPI document', async () => {
    const document = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: object }> }>>;
    };
    expect(document.paths['/api/v1/workflows/{id}/draft/nodes/{nodeId}/listen']?.post).toBeDefined();
    expect(document.paths['/api/v1/workflows/{id}/draft/listen']?.post).toBeDefined();
    expect(document.paths['/api/v1/workflows/{id}/webhooks']?.get).toBeDefined();
    const events = document.paths['/api/v1/listeners/{listenerId}/events']?.get;
    expect(Object.keys(events?.responses['200']?.content ?? {})).toEqual(['text/event-stream']);
  });

  it('a schedule trigger in listening runs the draft at once', async () => {
    const scheduleWorkflow = await importWorkflow(SCHEDULE);
    const listener = await server.api(
      'POST',
      `/api/v1/workflows/${scheduleWorkflow}/draft/nodes/1754600000001/listen`,
    );
    expect(listener.status).toBe(201);
    const events = await followEvents(
      `${server.url}/api/v1/listeners/${listener.json.listenerId}/events`,
      OWNER_TOKEN,
    ).events;
    expect(events.find((event) => event.event === 'captured')?.data.nodeId).toBe('1754600000001');
    expect(events.at(-1)?.event).toBe('result');
  });
});
