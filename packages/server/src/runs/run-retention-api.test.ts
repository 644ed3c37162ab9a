import { readFileSync } from 'node:fs';
import { fixedClock, signGitHubBody } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../subscriptions/subscription-fixture.test-helpers.js';
import { OWNER_TOKEN, startTestServer, type TestServer } from '../test-server.test-helpers.js';
import { runRetention } from './run-retention.js';

const FIXTURE = readFileSync(
  new URL('../engine/dsl/fixtures/github-two-triggers.yml', import.meta.url),
  'utf8',
);
const FIXTURE_SUBSCRIPTION = '3f6c2b9e-8d41-4c1a-9b7e-2a5d0c8f1e63';
const DAY_MS = 24 * 60 * 60 * 1000;

/** A delivery starts a run; once retention deleted the run, the API still answers about both. */
describe('the API after run retention', () => {
  let server: TestServer;
  let subscriptionId: string;
  let workflowId: string;
  let runId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const builder = await server.api('POST', '/api/v1/integrations/github/subscription-builders', {
      body: { method: 'manual' },
    });
    subscriptionId = builder.json.id;
    const secret: string = builder.json.properties.webhook_secret;
    expect((await server.api('POST', `/api/v1/subscription-builders/${subscriptionId}/build`)).status).toBe(
      201,
    );
    const created = await fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
      body: FIXTURE.replaceAll(FIXTURE_SUBSCRIPTION, subscriptionId),
    });
    expect(created.status).toBe(201);
    workflowId = ((await created.json()) as { id: string }).id;
    expect((await server.api('POST', `/api/v1/workflows/${workflowId}/publish`)).status).toBeLessThan(300);

    const body = JSON.stringify({ action: 'opened', issue: { title: 'Crash on start', number: 9 } });
    const reply = await fetch(`${server.url}/triggers/plugin/${subscriptionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-github-delivery': 'issue-opened-1',
        'x-hub-signature-256': signGitHubBody(body, secret),
      },
      body,
    });
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
