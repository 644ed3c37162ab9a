import { readFileSync } from 'node:fs';
import { signGitHubBody } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWNER_TOKEN, startTestServer, type TestServer } from './test-server.test-helpers.js';

const FIXTURE = readFileSync(
  new URL('./engine/dsl/fixtures/github-two-triggers.yml', import.meta.url),
  'utf8',
);
const FIXTURE_SUBSCRIPTION = '3f6c2b9e-8d41-4c1a-9b7e-2a5d0c8f1e63';

/**
 * The whole path over HTTP: a manual GitHub subscription, a workflow imported from a Dify DSL
 * document with two GitHub triggers joined by a variable aggregator, then if-else, template and
 * end; signed deliveries start exactly the runs they should.
 */
describe('a published workflow with two GitHub triggers', () => {
  let server: TestServer;
  let subscriptionId: string;
  let secret: string;
  let workflowId: string;

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

    const created = await fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
      body: FIXTURE.replaceAll(FIXTURE_SUBSCRIPTION, subscriptionId),
    });
    const workflow = (await created.json()) as { id: string };
    expect(created.status).toBe(201);
    workflowId = workflow.id;
    const published = await server.api('POST', `/api/v1/workflows/${workflowId}/publish`);
    expect(published.status, JSON.stringify(published.json)).toBeLessThan(300);
  });

  afterAll(async () => {
    await server?.stop();
  });

  async function deliver(event: string, payload: object, deliveryId: string): Promise<Response> {
    const body = JSON.stringify(payload);
    return fetch(`${server.url}/triggers/plugin/${subscriptionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': signGitHubBody(body, secret),
      },
      body,
    });
  }

  async function settledRuns(expected: number) {
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
      const items = runs.json.items as { id: string; status: string }[];
      if (
        items.length >= expected &&
        items.every((run) => run.status === 'succeeded' || run.status === 'failed')
      ) {
        return items;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`runs of workflow ${workflowId} did not settle`);
  }

  it('counts the workflow as using the subscription', async () => {
    const subscription = await server.api('GET', `/api/v1/subscriptions/${subscriptionId}`);
    expect(subscription.json.workflowsInUse).toBe(1);
  });

  it('runs once for an opened pull request, through the aggregator, if-else and template', async () => {
    const reply = await deliver(
      'pull_request',
      { action: 'opened', number: 7, pull_request: { title: 'Add retries', number: 7 } },
      'pr-opened-1',
    );
    expect(reply.status).toBe(200);
    const runs = await settledRuns(1);
    expect(runs).toHaveLength(1);
    const run = await server.api('GET', `/api/v1/runs/${runs[0]?.id}`);
    expect(run.json.status).toBe('succeeded');
    expect(run.json.outputs).toEqual({ summary: 'New on GitHub for #dev: Add retries' });
    expect(run.json.trace.map((node: { nodeId: string }) => node.nodeId)).toEqual([
      '1754400000001',
      '1754400000003',
      '1754400000004',
      '1754400000005',
      '1754400000006',
    ]);
  });

  it('runs once for an opened issue, and the same delivery sent again starts nothing more', async () => {
    const payload = { action: 'opened', issue: { title: 'Crash on start', number: 9 } };
    expect((await deliver('issues', payload, 'issue-opened-1')).status).toBe(200);
    const again = await deliver('issues', payload, 'issue-opened-1');
    expect(again.headers.get('x-tripline-duplicate')).toBe('true');
    const runs = await settledRuns(2);
    expect(runs).toHaveLength(2);
    const outputs = await Promise.all(
      runs.map(async (run) => (await server.api('GET', `/api/v1/runs/${run.id}`)).json.outputs),
    );
    expect(outputs).toContainEqual({ summary: 'New on GitHub for #dev: Crash on start' });
  });

  it('records a closed pull request as filtered out and starts no run', async () => {
    const reply = await deliver(
      'pull_request',
      { action: 'closed', pull_request: { title: 'Add retries', number: 7 } },
      'pr-closed-1',
    );
    expect(reply.status).toBe(200);
    let dispatched: { dispatchState: string; dispatch?: unknown } | undefined;
    for (let attempt = 0; attempt < 50 && dispatched?.dispatchState !== 'done'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const logs = await server.api('GET', `/api/v1/subscriptions/${subscriptionId}/logs`);
      dispatched = logs.json.items.find((log: { deliveryId: string }) => log.deliveryId === 'pr-closed-1');
    }
    expect(dispatched?.dispatchState).toBe('done');
    expect(JSON.stringify(dispatched?.dispatch)).toContain('filtered_out');
    expect(await settledRuns(2)).toHaveLength(2);
  });
});
