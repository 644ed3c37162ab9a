import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeServer, startFakeServer } from './engine/nodes/http-request/fake-server.test-helpers.js';
import { followEvents } from './listening/sse-client.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from './test-server.test-helpers.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./engine/dsl/fixtures/${name}`, import.meta.url), 'utf8');
}

const EVERY_NODE_TYPE = fixture('run-every-node-type.yml');
const WEBHOOK_ORDER = fixture('run-webhook-order.yml');
const SCHEDULE_DIGEST = fixture('run-schedule-digest.yml');
/** The placeholder API base of run-every-node-type.yml, replaced by the fake server's origin. */
const PLACEHOLDER_API = 'http://127.0.0.1:9';

const REPOSITORIES: Record<string, object> = {
  '/repos/octo/cli': { full_name: 'octo/cli', topics: ['terminal'], archived: false },
  '/repos/octo/attic': { full_name: 'octo/attic', topics: [], archived: true },
};

interface TraceNode {
  readonly nodeId: string;
  readonly status: string;
  readonly branch?: string;
  readonly error?: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read node inputs by path
  readonly inputs?: any;
}

/**
 * Dify documents with each supported node type, imported over HTTP into the real server and run
 * the way each entry node runs: the draft from a start node, the published version from its webhook
 * URL, and a schedule trigger by listening on it.
 */
describe('Dify documents with every supported node type', () => {
  let server: TestServer;
  let api: FakeServer;

  beforeAll(async () => {
    api = await startFakeServer((request, response) => {
      const repository = REPOSITORIES[(request.url ?? '').split('?')[0] ?? ''];
      response.writeHead(repository ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(repository ?? { message: 'Not Found' }));
    });
    // Loopback is refused by default; the fake API is reached only because the allowlist names it.
    server = await startTestServer({ TRIPLINE_HTTP_ALLOWLIST: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.stop();
    await api?.close();
  });

  function importYaml(document: string): Promise<Response> {
    return fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
      body: document,
    });
  }

  async function importWorkflow(document: string): Promise<string> {
    const created = await importYaml(document);
    const body = (await created.json()) as { id: string };
    expect(created.status, JSON.stringify(body)).toBe(201);
    return body.id;
  }

  async function settled(runId: string) {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const run = await server.api('GET', `/api/v1/runs/${runId}`);
      if (run.json.status !== 'queued' && run.json.status !== 'running') return run.json;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`run ${runId} did not settle`);
  }

  async function latestRun(workflowId: string, count: number) {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
      const items = runs.json.items as { id: string }[];
      if (items.length >= count && items[0] !== undefined) return settled(items[0].id);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`workflow ${workflowId} did not get run ${count}`);
  }

  async function runDraft(workflowId: string, inputs: Record<string, unknown>) {
    const queued = await server.api('POST', `/api/v1/workflows/${workflowId}/draft/run`, {
      body: { inputs },
    });
    expect(queued.status, JSON.stringify(queued.json)).toBe(202);
    return settled(queued.json.id);
  }

  function statuses(trace: readonly TraceNode[]): string[][] {
    return trace.map((node) => [node.nodeId, node.status]);
  }

  describe('start, code, http-request, if-else, template-transform, variable-aggregator and end', () => {
    let workflowId: string;

    beforeAll(async () => {
      workflowId = await importWorkflow(EVERY_NODE_TYPE.replace(PLACEHOLDER_API, api.origin));
    });

    it('a draft run takes the popular branch and ends with the rendered line', async () => {
      const run = await runDraft(workflowId, { repository: 'octo/cli', labels: 'web, cli,api' });
      expect(run, JSON.stringify(run)).toMatchObject({
        status: 'succeeded',
        draft: true,
        error: null,
        trigger: { nodeId: 'start', type: 'start' },
        outputs: { line: 'CLI: #api, #cli, #web (3 labels)', status: 200 },
      });
      expect(statuses(run.trace)).toEqual([
        ['start', 'succeeded'],
        ['shape', 'succeeded'],
        ['fetch', 'succeeded'],
        ['check', 'succeeded'],
        ['praise', 'succeeded'],
        ['notice', 'skipped'],
        ['line', 'succeeded'],
        ['end', 'succeeded'],
      ]);
      const trace = run.trace as TraceNode[];
      expect(trace.find((node) => node.nodeId === 'check')?.branch).toBe('popular');
      const conditions = trace.find((node) => node.nodeId === 'check')?.inputs.conditions;
      expect(
        conditions.map((condition: { comparison_operator: string }) => condition.comparison_operator),
      ).toEqual(['<', 'contains', 'not contains', 'start with', 'in', 'contains', 'not empty']);
      expect(conditions.every((condition: { result: boolean }) => condition.result)).toBe(true);
      expect(conditions[3].expected_value).toBe('octo/');
      const fetched = trace.find((node) => node.nodeId === 'fetch')?.inputs;
      expect(fetched).toMatchObject({ method: 'GET', headers: { authorization: '***' } });
      const sent = api.requests.at(-1);
      expect(sent).toMatchObject({ method: 'GET', url: '/repos/octo/cli?per_page=5' });
      expect(sent?.headers).toMatchObject({ 'x-owner': 'octo', authorization: 'Bearer octo-key' });
    });

    it('a draft run takes the else branch for an archived repository and for a 404', async () => {
      const archived = await runDraft(workflowId, { repository: 'octo/attic', labels: 'cli' });
      expect(archived.status).toBe('succeeded');
      expect(archived.outputs).toEqual({ line: 'octo/attic answered 200; not popular', status: 200 });
      expect(statuses(archived.trace).slice(3, 6)).toEqual([
        ['check', 'succeeded'],
        ['praise', 'skipped'],
        ['notice', 'succeeded'],
      ]);
      expect((archived.trace as TraceNode[]).find((node) => node.nodeId === 'check')?.branch).toBe('false');
      const missing = await runDraft(workflowId, { repository: 'octo/gone', labels: 'cli' });
      expect(missing.outputs).toEqual({ line: 'octo/gone answered 404; not popular', status: 404 });
    });

    it('a draft run fails at the http-request node for a loopback address the allowlist does not name', async () => {
      const blockedOrigin = api.origin.replace('127.0.0.1', '127.0.0.2');
      const blocked = await importWorkflow(EVERY_NODE_TYPE.replace(PLACEHOLDER_API, blockedOrigin));
      const before = api.requests.length;
      const run = await runDraft(blocked, { repository: 'octo/cli', labels: 'cli' });
      expect(run.status).toBe('failed');
      const fetchNode = (run.trace as TraceNode[]).find((node) => node.nodeId === 'fetch');
      expect(fetchNode?.status).toBe('failed');
      expect(fetchNode?.error).toContain('refused to connect to 127.0.0.2: a loopback address');
      expect(run.error).toContain('node "fetch" (http-request');
      expect(api.requests).toHaveLength(before);
    });

    it('export then import gives the same graph, and the copy runs alike', async () => {
      const exported = await fetch(`${server.url}/api/v1/workflows/${workflowId}/export`, {
        headers: { authorization: `Bearer ${OWNER_TOKEN}` },
      });
      expect(exported.status).toBe(200);
      expect(exported.headers.get('content-type')).toContain('application/yaml');
      const yaml = await exported.text();
      const copyId = await importWorkflow(yaml);
      const [original, copy] = await Promise.all(
        [workflowId, copyId].map((id) => server.api('GET', `/api/v1/workflows/${id}/draft`)),
      );
      expect(copy?.json.graph).toEqual(original?.json.graph);
      expect(copy?.json.environmentVariables).toEqual(original?.json.environmentVariables);
      expect(copy?.json.name).toBe('Repository report');
      const again = await fetch(`${server.url}/api/v1/workflows/${copyId}/export`, {
        headers: { authorization: `Bearer ${OWNER_TOKEN}` },
      });
      expect(await again.text()).toBe(yaml);
      const run = await runDraft(copyId, { repository: 'octo/cli', labels: 'cli' });
      expect(run.outputs).toEqual({ line: 'CLI: #cli (1 labels)', status: 200 });
    });
  });

  it('a published trigger-webhook workflow runs from its production URL through both branches', async () => {
    const workflowId = await importWorkflow(WEBHOOK_ORDER);
    const published = await server.api('POST', `/api/v1/workflows/${workflowId}/publish`);
    expect(published.status, JSON.stringify(published.json)).toBe(200);
    const webhooks = await server.api('GET', `/api/v1/workflows/${workflowId}/webhooks`);
    expect(webhooks.json.items).toHaveLength(1);
    const { url, nodeId, webhookId } = webhooks.json.items[0];
    expect(nodeId).toBe('1754700000001');
    const path = new URL(url).pathname;
    expect(path).toBe(`/triggers/webhook/${webhookId}`);
    const post = (shop: string, body: object) =>
      fetch(`${server.url}${path}?channel=app`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-shop-id': shop },
        body: JSON.stringify(body),
      });

    const items = [
      { name: 'lamp', quantity: 2, price: 40.25 },
      { name: 'desk', quantity: 1, price: 120 },
    ];
    const large = await post('shop-7', { customer: 'Ada', items });
    expect(large.status).toBe(202);
    expect(await large.json()).toEqual({ received: true });
    const first = await latestRun(workflowId, 1);
    expect(first, JSON.stringify(first)).toMatchObject({
      status: 'succeeded',
      draft: false,
      invokeFrom: 'webhook',
      trigger: { nodeId: '1754700000001', type: 'trigger-webhook' },
      outputs: { line: 'Large order from Ada via app: Lamp, Desk = 200.5', total: 200.5 },
    });
    expect(first.versionId).toBe(published.json.publishedVersionId);
    expect(statuses(first.trace).map(([, status]) => status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
      'skipped',
      'succeeded',
      'succeeded',
    ]);

    expect((await post('shop-8', { customer: 'Bo', items })).status).toBe(202);
    const second = await latestRun(workflowId, 2);
    expect(second.outputs).toEqual({ line: 'Small order from Bo: 200.5', total: 200.5 });
    expect((second.trace as TraceNode[]).find((node) => node.nodeId === '1754700000003')?.branch).toBe(
      'false',
    );
  });

  it('listening on a trigger-schedule node runs the draft at once', async () => {
    const workflowId = await importWorkflow(SCHEDULE_DIGEST);
    const listener = await server.api(
      'POST',
      `/api/v1/workflows/${workflowId}/draft/nodes/1754800000001/listen`,
    );
    expect(listener.status, JSON.stringify(listener.json)).toBe(201);
    const events = await followEvents(
      `${server.url}/api/v1/listeners/${listener.json.listenerId}/events`,
      OWNER_TOKEN,
    ).events;
    const captured = events.find((event) => event.event === 'captured')?.data;
    expect(captured.nodeId).toBe('1754800000001');
    expect(events.at(-1)).toMatchObject({ event: 'result', data: { status: 'succeeded' } });
    const run = await settled(captured.runId);
    expect(run).toMatchObject({
      status: 'succeeded',
      draft: true,
      trigger: { nodeId: '1754800000001', type: 'trigger-schedule' },
      outputs: { agenda: 'Platform (Asia/Tokyo): 1. deploy; 2. review; 3. standup', valid: true },
    });
    expect(Number.isNaN(Date.parse(run.outputs.scheduled_time))).toBe(false);
    expect(statuses(run.trace).every(([, status]) => status === 'succeeded')).toBe(true);
    expect(run.trace).toHaveLength(4);
  });

  it('a document with an llm node is refused naming the node, and nothing is created', async () => {
    const before = await server.api('GET', '/api/v1/workflows');
    const withModel = EVERY_NODE_TYPE.replace(
      'title: Praise\n          type: template-transform',
      'title: Praise\n          type: llm',
    );
    expect(withModel).not.toBe(EVERY_NODE_TYPE);
    const refused = await importYaml(withModel);
    expect(refused.status).toBe(422);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_workflow');
    expect(body.error.message).toContain('id "praise" type "llm" is not supported');
    const after = await server.api('GET', '/api/v1/workflows');
    expect(after.json).toEqual(before.json);
  });
});
