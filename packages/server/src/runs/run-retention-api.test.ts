import { fixedClock } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildManualGitHubSubscription } from '../github-manual-subscription.test-helpers.js';
import { silentLogger } from '../subscriptions/subscription-fixture.test-helpers.js';
import { startTestServer, type TestServer } from '../test-server.test-helpers.js';
import { runRetention } from './run-retention.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A delivery starts a run; once retention deleted the run, the API still answers about both. */
describe('the API after run retention', () => {
  let server: TestServer;
  let subscriptionId: string;
  let workflowId: string;
  let runId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const github = await buildManualGitHubSubscription(server);
    subscriptionId = github.id;
    workflowId = await github.importWorkflow();
    expect((await server.api('POST', `/api/v1/workflows/${workflowId}/publish`)).status).toBeLessThan(300);

    const issue = { action: 'opened', issue: { title: 'Crash on start', number: 9 } };
    const reply = await github.deliver('issues', issue, 'issue-opened-1');
    expect(reply.status).toBe(200);
    for (let attempt = 0; attempt < 100 && runId === undefined; attempt += 1) {
      const runs = await server.api('GET', `/api/v1/workflows/${workflowId}/runs`);
      const [run] = runs.json.items as { id: string; status: string }[];
      if (run && (run.status === 'succeeded' || run.status === 'failed')) runId = run.id;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(runId).toBeDefined();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it('deletes the finished run once it is old enough; its log still lists it and the run answers 404', async () => {
    const retention = (now: number) =>
      runRetention({
        store: server.store,
        clock: fixedClock(now),
        logger: silentLogger,
        config: { retention: { maxRunAgeDays: 30 } },
      });
    await retention(Date.now() + 29 * DAY_MS).runOnce();
    expect((await server.api('GET', `/api/v1/runs/${runId}`)).status).toBe(200);

    await retention(Date.now() + 31 * DAY_MS).runOnce();
    const run = await server.api('GET', `/api/v1/runs/${runId}`);
    expect(run.status).toBe(404);
    expect(run.json.error.code).toBe('not_found');
    expect((await server.api('GET', `/api/v1/workflows/${workflowId}/runs`)).json.items).toEqual([]);

    const logs = await server.api('GET', `/api/v1/subscriptions/${subscriptionId}/logs`);
    expect(logs.status).toBe(200);
    const [log] = logs.json.items as { id: string; runs: string[] }[];
    expect(log?.runs).toEqual([runId]);
    const detail = await server.api('GET', `/api/v1/subscriptions/${subscriptionId}/logs/${log?.id}`);
    expect(detail.status).toBe(200);
    expect(detail.json.runs).toEqual([runId]);
    expect(JSON.stringify(detail.json.dispatch)).toContain(runId);
  });
});
