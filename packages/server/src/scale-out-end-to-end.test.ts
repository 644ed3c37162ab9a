import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signGitHubBody } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, TEST_REDIS_URL, testRedisPrefix } from './domain/redis-test-prefix.test-helpers.js';
import { followEvents, type SseEvent } from './listening/sse-client.test-helpers.js';
import { processApi, type ServedProcess, serveProcess } from './server-process.test-helpers.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from './store/postgres/postgres-test-database.test-helpers.js';

/**
 * The scale-out mode as it is deployed: two `tripline serve` processes on one PostgreSQL database
 * and one Redis, one with the API and the ingress, the other with the worker and the scheduler.
 */
const TOKEN = 'tl_scale-out-test-owner-token-0123456789';
const FIXTURE_SUBSCRIPTION = '3f6c2b9e-8d41-4c1a-9b7e-2a5d0c8f1e63';
const PULL_REQUEST_NODE = '1754400000001';
const GITHUB_WORKFLOW = readFileSync(
  new URL('./engine/dsl/fixtures/github-two-triggers.yml', import.meta.url),
  'utf8',
);

async function stop(served: ServedProcess | undefined): Promise<void> {
  if (!served || served.child.exitCode !== null || served.child.signalCode !== null) return;
  const exited = once(served.child, 'exit');
  served.child.kill('SIGTERM');
  const killed = setTimeout(() => served.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killed);
}

const api = processApi(TOKEN);

describe('two processes on one PostgreSQL and one Redis', () => {
  let database: PostgresTestDatabase;
  const redis = testRedisPrefix();
  const dataDirs: string[] = [];
  let front: ServedProcess | undefined;
  let back: ServedProcess | undefined;
  let subscriptionId: string;
  let secret: string;
  let deliveries = 0;

  beforeAll(async () => {
    database = await createPostgresTestDatabase();
    const shared = {
      TRIPLINE_DATABASE_URL: await database.freshUrl(),
      TRIPLINE_REDIS_URL: TEST_REDIS_URL,
      TRIPLINE_REDIS_PREFIX: redis.prefix,
      TRIPLINE_SECRET_KEY: randomBytes(32).toString('base64'),
      TRIPLINE_BOOTSTRAP_TOKEN: TOKEN,
    };
    const dataDir = () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'tripline-scale-out-'));
      dataDirs.push(dir);
      return dir;
    };
    front = await serveProcess({ ...shared, TRIPLINE_DATA_DIR: dataDir(), TRIPLINE_ROLES: 'api,ingress' });
    back = await serveProcess({
      ...shared,
      TRIPLINE_DATA_DIR: dataDir(),
      TRIPLINE_ROLES: 'worker,scheduler',
    });
    const builder = await api(front, 'POST', '/integrations/github/subscription-builders', {
      method: 'manual',
    });
    subscriptionId = builder.id;
    secret = builder.properties.webhook_secret;
    await api(front, 'POST', `/subscription-builders/${subscriptionId}/build`);
  }, 60_000);

  afterAll(async () => {
    await Promise.all([stop(front), stop(back)]);
    await database?.drop();
    await redis.cleanup();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  async function deliver(
    target: ServedProcess,
    payload: object,
    options: { readonly secret?: string; readonly event?: string } = {},
  ): Promise<{ status: number; deliveryId: string }> {
    deliveries += 1;
    const deliveryId = `scale-out-${deliveries}`;
    const body = JSON.stringify(payload);
    const reply = await fetch(`${target.url}/triggers/plugin/${subscriptionId}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': options.event ?? 'pull_request',
        'x-github-delivery': deliveryId,
        'x-hub-signature-256': signGitHubBody(body, options.secret ?? secret),
      },
      body,
    });
    await reply.arrayBuffer();
    return { status: reply.status, deliveryId };
  }

  async function importWorkflow(): Promise<string> {
    const created = await api(
      front!,
      'POST',
      '/workflows',
      GITHUB_WORKFLOW.replaceAll(FIXTURE_SUBSCRIPTION, subscriptionId),
    );
    return created.id;
  }

  it('runs a delivery to the front process exactly once, in the back process', async () => {
    const workflowId = await importWorkflow();
    await api(front!, 'POST', `/workflows/${workflowId}/publish`);
    const pr = { action: 'opened', number: 7, pull_request: { title: 'Add retries', number: 7 } };
    const sent = await deliver(front!, pr);
    expect(sent.status).toBe(200);
    const runs = await eventually(
      'the run of the delivery',
      async () => {
        const items = (await api(front!, 'GET', `/workflows/${workflowId}/runs`)).items;
        return items.length > 0 && items.every((run: { status: string }) => run.status === 'succeeded')
          ? items
          : undefined;
      },
      20_000,
    );
    // A moment later there is still one run: no second process started it again.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await api(front!, 'GET', `/workflows/${workflowId}/runs`)).items).toHaveLength(1);
    const run = await api(front!, 'GET', `/runs/${runs[0].id}`);
    expect(run.outputs).toEqual({ summary: 'New on GitHub for #dev: Add retries' });
  }, 40_000);

  it('streams a draft listener opened through the front process: capture and result of the run in the back one', async () => {
    const workflowId = await importWorkflow();
    const listener = await api(
      front!,
      'POST',
      `/workflows/${workflowId}/draft/nodes/${PULL_REQUEST_NODE}/listen`,
    );
    const stream = followEvents(`${front!.url}/api/v1/listeners/${listener.listenerId}/events`, TOKEN, {
      timeoutMs: 20_000,
    });
    expect(await stream.opened).toBe(200);
    const pr = { action: 'opened', number: 8, pull_request: { title: 'Listen across', number: 8 } };
    expect((await deliver(front!, pr)).status).toBe(200);
    const events: SseEvent[] = await stream.events;
    const names = events.map((event) =>
      event.event === 'node' ? `node:${event.data.node.status}` : event.event,
    );
    expect(names[0]).toBe('listening');
    expect(names[1]).toBe('captured');
    expect(names).toContain('node:succeeded');
    expect(names.at(-1)).toBe('result');
    expect(events.at(-1)?.data).toMatchObject({
      status: 'succeeded',
      outputs: { summary: 'New on GitHub for #dev: Listen across' },
    });
    const run = await api(front!, 'GET', `/runs/${events[1]?.data.runId}`);
    expect(run).toMatchObject({ draft: true, workflowId, status: 'succeeded' });
  }, 40_000);

  it('honours a new subscription secret at once, in every process', async () => {
    const ping = { zen: 'Keep it logically awesome.', hook_id: 1 };
    // The back process's ingress has the subscription cached with the old secret.
    expect((await deliver(back!, ping, { event: 'ping' })).status).toBe(200);
    const renewed = `renewed-${randomBytes(8).toString('hex')}`;
    await api(front!, 'PATCH', `/subscriptions/${subscriptionId}`, {
      properties: { webhook_secret: renewed },
    });
    expect((await deliver(front!, ping, { event: 'ping', secret: renewed })).status).toBe(200);
    expect((await deliver(front!, ping, { event: 'ping' })).status).toBe(401);
    await eventually(
      'the back process to take the new secret',
      async () =>
        (await deliver(back!, ping, { event: 'ping', secret: renewed })).status === 200 ? true : undefined,
      5_000,
    );
    expect((await deliver(back!, ping, { event: 'ping' })).status).toBe(401);
    secret = renewed;
  }, 30_000);
});
