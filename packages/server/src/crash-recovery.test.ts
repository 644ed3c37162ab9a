import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signGitHubBody } from '@tripline/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { editedFixture, graphOf } from './engine/dsl/fixtures.test-helpers.js';
import {
  killServedProcesses,
  processApi,
  type ServedProcess,
  serveProcess,
} from './server-process.test-helpers.js';

/**
 * The real server as `tripline serve` runs it, in a child process killed with SIGKILL at the
 * worst moments: between storing a delivery and dispatching it, and in the middle of a run.
 */
const TOKEN = 'tl_crash-test-owner-token-0123456789';
const FIXTURE_SUBSCRIPTION = '3f6c2b9e-8d41-4c1a-9b7e-2a5d0c8f1e63';
const GITHUB_WORKFLOW = readFileSync(
  new URL('./engine/dsl/fixtures/github-two-triggers.yml', import.meta.url),
  'utf8',
);
const PR_OPENED = JSON.stringify({
  action: 'opened',
  number: 7,
  pull_request: { title: 'Add retries', number: 7 },
});

/** A draft whose code node keeps its run busy for about a second and a half. */
const SLOW_WORKFLOW = editedFixture('start-code-http.yml', (document) => {
  const graph = graphOf(document);
  const start = graph.nodes.find((node) => node.id === 'start');
  const code = graph.nodes.find((node) => node.id === 'count');
  const end = graph.nodes.find((node) => node.id === 'end');
  if (!start || !code || !end) throw new Error('the fixture lost its start, code or end node');
  start.data.variables = [];
  code.data.code =
    'function main() {\n  const until = Date.now() + 1500;\n  while (Date.now() < until) {}\n  return { waited: 1500 };\n}';
  code.data.variables = [];
  code.data.outputs = { waited: { type: 'number', children: null } };
  end.data.outputs = [{ variable: 'waited', value_type: 'number', value_selector: ['count', 'waited'] }];
  graph.nodes = [start, code, end];
  graph.edges = [
    { id: 'start-count', source: 'start', sourceHandle: 'source', target: 'count', targetHandle: 'target' },
    { id: 'count-end', source: 'count', sourceHandle: 'source', target: 'end', targetHandle: 'target' },
  ];
});

/** The server in a child process whose data stays in `dataDir`, bootstrapped with {@link TOKEN}. */
function serve(dataDir: string, env: Record<string, string> = {}): Promise<ServedProcess> {
  return serveProcess({ TRIPLINE_DATA_DIR: dataDir, TRIPLINE_BOOTSTRAP_TOKEN: TOKEN, ...env });
}

async function kill(served: ServedProcess): Promise<void> {
  if (served.child.exitCode !== null || served.child.signalCode !== null) return;
  const exited = once(served.child, 'exit');
  served.child.kill('SIGKILL');
  await exited;
}

const api = processApi(TOKEN);

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the server killed with SIGKILL', () => {
  const dirs: string[] = [];
  let served: ServedProcess | undefined;

  beforeAll(() => {
    expect(GITHUB_WORKFLOW).toContain(FIXTURE_SUBSCRIPTION);
  });

  afterEach(async () => {
    if (served) await kill(served);
    served = undefined;
  });

  afterAll(() => {
    killServedProcesses();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  function dataDir(): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'tripline-crash-'));
    dirs.push(dir);
    return dir;
  }

  it('starts exactly one run for a delivery stored before the kill, however often it is sent', async () => {
    const dir = dataDir();
    // No worker role: deliveries are stored and answered, and nothing dispatches them.
    served = await serve(dir, { TRIPLINE_ROLES: 'api,ingress' });
    const builder = await api(served, 'POST', '/integrations/github/subscription-builders', {
      method: 'manual',
    });
    const subscriptionId: string = builder.id;
    const secret: string = builder.properties.webhook_secret;
    await api(served, 'POST', `/subscription-builders/${subscriptionId}/build`);
    const workflow = await api(
      served,
      'POST',
      '/workflows',
      GITHUB_WORKFLOW.replaceAll(FIXTURE_SUBSCRIPTION, subscriptionId),
    );
    await api(served, 'POST', `/workflows/${workflow.id}/publish`);

    const deliver = (target: ServedProcess) =>
      fetch(`${target.url}/triggers/plugin/${subscriptionId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'pull_request',
          'x-github-delivery': 'crash-delivery-1',
          'x-hub-signature-256': signGitHubBody(PR_OPENED, secret),
        },
        body: PR_OPENED,
      });
    expect((await deliver(served)).status).toBe(200);
    const [stored] = (await api(served, 'GET', `/subscriptions/${subscriptionId}/logs`)).items;
    expect(stored).toMatchObject({ deliveryId: 'crash-delivery-1', dispatchState: 'pending' });
    expect((await api(served, 'GET', `/workflows/${workflow.id}/runs`)).items).toEqual([]);
    await kill(served);

    served = await serve(dir);
    const runs = await until('the run of the stored delivery', async () => {
      const items = (await api(served!, 'GET', `/workflows/${workflow.id}/runs`)).items;
      return items.length > 0 &&
        items.every((run: { status: string }) => run.status === 'succeeded' || run.status === 'failed')
        ? items
        : undefined;
    });
    expect(runs).toHaveLength(1);
    const run = await api(served, 'GET', `/runs/${runs[0].id}`);
    expect(run.status, JSON.stringify({ error: run.error, trace: run.trace })).toBe('succeeded');
    expect(run.outputs).toEqual({ summary: 'New on GitHub for #dev: Add retries' });

    const again = await deliver(served);
    expect(again.status).toBe(200);
    expect(again.headers.get('x-tripline-duplicate')).toBe('true');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect((await api(served, 'GET', `/workflows/${workflow.id}/runs`)).items).toHaveLength(1);
    const logs = (await api(served, 'GET', `/subscriptions/${subscriptionId}/logs`)).items;
    expect(logs.map((log: { dispatchState: string }) => log.dispatchState).sort()).toEqual(['done', 'none']);
  }, 60_000);

  it('fails a run that was running when the process died, with the reason, and never leaves it running', async () => {
    const dir = dataDir();
    served = await serve(dir);
    const workflow = await api(served, 'POST', '/workflows', SLOW_WORKFLOW);
    const queued = await api(served, 'POST', `/workflows/${workflow.id}/draft/run`, { inputs: {} });
    await until('the run to start', async () => {
      const run = await api(served!, 'GET', `/runs/${queued.id}`);
      return run.status === 'running' ? run : undefined;
    });
    await kill(served);

    served = await serve(dir);
    const run = await until('the interrupted run to be failed', async () => {
      const found = await api(served!, 'GET', `/runs/${queued.id}`);
      return found.status === 'running' || found.status === 'queued' ? undefined : found;
    });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/interrupted/);
  }, 60_000);
});
