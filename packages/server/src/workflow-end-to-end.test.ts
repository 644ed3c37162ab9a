import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildManualGitHubSubscription,
  type ManualGitHubSubscription,
} from './github-manual-subscription.test-helpers.js';
import { startTestServer, type TestServer } from './test-server.test-helpers.js';

/**
 * The whole path over HTTP: a manual GitHub subscription, a workflow imported from a Dify DSL
 * document with two GitHub triggers joined by a variable aggregator, then if-else, template and
 * end; signed deliveries start exactly the runs they should.
 */
describe('a published workflow with two GitHub triggers', () => {
  let server: TestServer;
  let github: ManualGitHubSubscription;
  let workflowId: string;

  beforeAll(async () => {
    server = await startTestServer();
    github = await buildManualGitHubSubscription(server);
    workflowId = await github.importWorkflow();
    const published = await server.api('POST', `/api/v1/workflows/${workflowId}/publish`);
    expect(published.status, JSON.stringify(published.json)).toBeLessThan(300);
  });

  afterAll(async () => {
    await server?.stop();
  });

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
    const subscription = await server.api('GET', `/api/v1/subscriptions/${github.id}`);
    expect(subscription.json.workflowsInUse).toBe(1);
  });

  it('runs once for an opened pull request, through the aggregator, if-else and template', async () => {
    const reply = await github.deliver(
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
    expect((await github.deliver('issues', payload, 'issue-opened-1')).status).toBe(200);
    const again = await github.deliver('issues', payload, 'issue-opened-1');
    expect(again.headers.get('x-tripline-duplicate')).toBe('true');
    const runs = await settledRuns(2);
    expect(runs).toHaveLength(2);
    const outputs = await Promise.all(
      runs.map(async (run) => (await server.api('GET', `/api/v1/runs/${run.id}`)).json.outputs),
    );
    expect(outputs).toContainEqual({ summary: 'New on GitHub for #dev: Crash on start' });
  });

  it('records a closed pull request as filtered out and starts no run', async () => {
    const reply = await github.deliver(
      'pull_request',
      { action: 'closed', pull_request: { title: 'Add retries', number: 7 } },
      'pr-closed-1',
    );
    expect(reply.status).toBe(200);
    let dispatched: { dispatchState: string; dispatch?: unknown } | undefined;
    for (let attempt = 0; attempt < 50 && dispatched?.dispatchState !== 'done'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const logs = await server.api('GET', `/api/v1/subscriptions/${github.id}/logs`);
      dispatched = logs.json.items.find((log: { deliveryId: string }) => log.deliveryId === 'pr-closed-1');
    }
    expect(dispatched?.dispatchState).toBe('done');
    expect(JSON.stringify(dispatched?.dispatch)).toContain('filtered_out');
    expect(await settledRuns(2)).toHaveLength(2);
  });
});
