import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeConsole,
  goTo,
  OWNER_TOKEN,
  openConsole,
  type Page,
  screenshot,
  startConsoleServer,
  type TestServer,
} from './browser.test-helpers.js';
import {
  createManualGitHubSubscription,
  deliverGitHubEvent,
  type ManualSubscription,
  waitForDispatch,
} from './github-subscription.test-helpers.js';

/**
 * A workflow made in Dify's DSL, as a user would paste it: a GitHub trigger still on the wrong
 * event and without a subscription (those are chosen in the console), then an end node that
 * outputs the pull request's title.
 */
const WORKFLOW_DSL = `kind: app
version: 0.5.0
app:
  name: Pull request titles
  description: Echoes the title of each opened pull request.
  mode: workflow
workflow:
  graph:
    nodes:
      - id: pr-trigger
        data:
          type: trigger-plugin
          title: Pull request opened
          provider_id: github
          event_name: push
          subscription_id: ""
          event_parameters: {}
      - id: end
        data:
          type: end
          title: End
          outputs:
            - variable: title
              value_selector: [pr-trigger, pull_request, title]
              value_type: string
    edges:
      - id: pr-trigger-end
        source: pr-trigger
        sourceHandle: source
        target: end
        targetHandle: target
`;

/**
 * A trigger that names no event and an edge to a node that does not exist: the server reports
 * those and what follows from them, some with "; " inside their text.
 */
const REFUSED_DSL = WORKFLOW_DSL.replace('event_name: push', 'event_name: ""').replace(
  'target: end',
  'target: nowhere',
);

/** A workflow whose code node always throws: its runs fail, and can be retried. */
const FAILING_DSL = `kind: app
version: 0.5.0
app:
  name: Always fails
  mode: workflow
workflow:
  graph:
    nodes:
      - id: start
        data: { type: start, title: Start, variables: [] }
      - id: boom
        data:
          type: code
          title: Boom
          code_language: javascript
          code: "function main() { throw new Error('kaboom'); }"
          variables: []
          outputs: { x: { type: string, children: null } }
      - id: end
        data: { type: end, title: End, outputs: [] }
    edges:
      - { id: a, source: start, sourceHandle: source, target: boom, targetHandle: target }
      - { id: b, source: boom, sourceHandle: source, target: end, targetHandle: target }
`;

const OPENED = {
  action: 'opened',
  number: 12,
  pull_request: { title: 'Retry failed deliveries', number: 12 },
};

describe('the workflow pages of the console', () => {
  let server: TestServer;
  let page: Page;
  let subscription: ManualSubscription;
  let workflowId: string;

  beforeAll(async () => {
    server = await startConsoleServer();
    subscription = await createManualGitHubSubscription(server);
    page = await openConsole(server);
  });
  afterAll(closeConsole);

  async function deliverPullRequest(deliveryId: string): Promise<number> {
    const { response } = await deliverGitHubEvent(subscription.callbackUrl, {
      event: 'pull_request',
      deliveryId,
      secret: subscription.secret,
      payload: OPENED,
    });
    return response.status;
  }

  it('shows an empty list, then lists every problem of a refused document', async () => {
    await goTo(page, '/workflows');
    await page.getByText('No workflows yet').waitFor();
    await page.getByRole('button', { name: 'Import DSL' }).click();
    await page.getByLabel('DSL document').fill(REFUSED_DSL);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('cannot import the document: 5 problems');
    const problems = await alert.locator('li').allTextContents();
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('nodes[0] id "pr-trigger" (trigger-plugin): event_name must not be empty');
    expect(problems[1]).toBe('edges[0] id "pr-trigger-end": target "nowhere" is not a node of this workflow');
    expect(problems).toContain(
      'nodes[0] id "pr-trigger" (trigger-plugin) reaches no end node; connect it to one of "end"',
    );
  });

  it('imports a DSL document and draws its graph', async () => {
    await page.getByLabel('DSL document').fill(WORKFLOW_DSL);
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('heading', { name: 'Pull request titles' }).waitFor();
    workflowId = decodeURIComponent(new URL(page.url()).hash.replace('#/workflows/', ''));
    await page.locator('.react-flow__node[data-id="end"]').waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(2);
    expect(await page.locator('.react-flow__edge').count()).toBe(1);
    await screenshot(page, 'workflow-graph');
  });

  it('attaches the subscription, event and filter to the trigger in the side panel', async () => {
    await page.locator('.react-flow__node[data-id="pr-trigger"]').click();
    const panel = page.locator('.side-panel');
    await panel.getByRole('button', { name: 'Run this step' }).click();
    await panel.getByRole('alert').getByText('choose a subscription of this workspace').waitFor();
    await panel.getByRole('option', { name: 'GitHub subscription 1' }).waitFor({ state: 'attached' });
    await panel.getByLabel('Subscription').selectOption({ label: 'GitHub subscription 1' });
    await panel.getByRole('option', { name: 'Pull request (pull_request)' }).waitFor({ state: 'attached' });
    await panel.getByLabel('Event').selectOption('pull_request');
    await panel.getByRole('checkbox', { name: 'opened', exact: true }).check();
    await panel.getByRole('button', { name: 'Save to draft' }).click();
    await panel.getByText('Saved', { exact: true }).waitFor();
    await panel.evaluate((element) => element.scrollTo(0, 0));
    await screenshot(page, 'workflow-trigger-panel');

    const draft = await server.api('GET', `/api/v1/workflows/${workflowId}/draft`);
    const trigger = draft.json.graph.nodes.find((node: { id: string }) => node.id === 'pr-trigger');
    expect(trigger.data).toMatchObject({
      subscription_id: subscription.id,
      event_name: 'pull_request',
      event_parameters: { actions: { type: 'constant', value: ['opened'] } },
    });
    expect(draft.json.problems).toEqual([]);
  });

  it('runs this step: listens, captures a signed delivery and follows its run to the end', async () => {
    const panel = page.locator('.side-panel');
    await panel.getByRole('button', { name: 'Run this step' }).click();
    await panel.getByText('Listening… (expires at').waitFor();
    expect(await deliverPullRequest('browser-pr-1')).toBe(200);
    await panel.getByText('Captured event').waitFor();
    expect(await panel.locator('.captured-event').textContent()).toContain('Retry failed deliveries');
    const result = panel.locator('.listen-result');
    await result.waitFor();
    expect(await result.locator('.badge').textContent()).toBe('succeeded');
    expect(await result.locator('pre').textContent()).toContain('"title": "Retry failed deliveries"');
    expect(await panel.locator('.node-progress tbody tr').count()).toBe(2);
    await panel.evaluate((element) => element.scrollTo(0, 0));
    await screenshot(page, 'workflow-run-this-step');

    await panel.getByRole('link', { name: 'Open the run' }).click();
    await page.getByRole('heading', { name: /^Run / }).waitFor();
    expect(await page.locator('h1 .badge').textContent()).toBe('succeeded');
    const trace = page.getByRole('table', { name: 'Node trace' });
    expect(await trace.locator('tbody tr').count()).toBe(2);
    expect(await trace.textContent()).toContain('Pull request opened');
    expect(await page.locator('.run-outputs').textContent()).toContain('Retry failed deliveries');
    await screenshot(page, 'run-detail');
  });

  it('stops listening when asked: an event afterwards runs nothing', async () => {
    await goTo(page, `/workflows/${workflowId}`);
    await page.locator('.react-flow__node[data-id="pr-trigger"]').click();
    const panel = page.locator('.side-panel');
    const [bar, box] = await Promise.all([page.locator('.topbar').boundingBox(), panel.boundingBox()]);
    expect(box?.y).toBeGreaterThanOrEqual((bar?.y ?? 0) + (bar?.height ?? Number.POSITIVE_INFINITY));
    await panel.getByRole('button', { name: 'Run this step' }).click();
    await panel.getByText('Listening… (expires at').waitFor();
    await panel.getByRole('button', { name: 'Stop listening' }).click();
    await panel.getByText('Stopped listening: the server no longer waits').waitFor();
    await panel.getByRole('button', { name: 'Run this step again' }).waitFor();
    expect(await deliverPullRequest('browser-pr-after-stop')).toBe(200);
    expect((await waitForDispatch(server, subscription.id, 'browser-pr-after-stop')).runs).toEqual([]);
    await panel.getByRole('button', { name: 'Close the panel' }).click();
  });

  it('publishes the draft, then lists the workflow with its version, trigger state and runs', async () => {
    await goTo(page, `/workflows/${workflowId}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 1').waitFor();
    const triggers = page.getByRole('table', { name: 'Triggers' });
    await triggers.getByText('active').waitFor();

    await page.getByLabel('Version').selectOption({ label: 'Version 1 (published)' });
    await page.locator('.react-flow__node[data-id="pr-trigger"]').click();
    const panel = page.locator('.side-panel');
    await panel.getByText('published version, read-only').waitFor();
    await panel.getByRole('button', { name: 'Disable Pull request opened' }).click();
    await panel.getByRole('button', { name: 'Enable Pull request opened' }).waitFor();
    await triggers.getByText('disabled').waitFor();
    const listed = await server.api('GET', `/api/v1/workflows/${workflowId}/triggers`);
    expect(listed.json.items[0]).toMatchObject({ nodeId: 'pr-trigger', enabled: false, state: 'disabled' });
    await panel.getByRole('button', { name: 'Enable Pull request opened' }).click();
    await triggers.getByText('active').waitFor();
    await panel.getByRole('button', { name: 'Close the panel' }).click();

    await goTo(page, '/workflows');
    const row = page.getByRole('row', { name: /Pull request titles/ });
    await row.getByText('v1').waitFor();
    await row.getByText('1 trigger').waitFor();
    await screenshot(page, 'workflow-list');

    await goTo(page, `/runs?workflow=${workflowId}`);
    const runs = page.getByRole('table', { name: 'Runs' });
    await runs.waitFor();
    expect(await runs.locator('tbody tr').count()).toBe(1);
    expect(await runs.textContent()).toContain('pull_request.opened');
  });

  it('publishes again and shows version 1 with its own graph from the version switcher', async () => {
    const draft = await server.api('GET', `/api/v1/workflows/${workflowId}/draft`);
    const nodes = draft.json.graph.nodes.map((node: { id: string; data: object }) =>
      node.id === 'end' ? { ...node, data: { ...node.data, title: 'Finish' } } : node,
    );
    const saved = await server.api('PUT', `/api/v1/workflows/${workflowId}/draft`, {
      body: { graph: { ...draft.json.graph, nodes } },
    });
    expect(saved.status).toBe(200);
    await goTo(page, `/workflows/${workflowId}`);
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText('Published version 2').waitFor();
    const versions = page.getByLabel('Version');
    // The list reloads after publishing: wait for the new version, not one it already showed.
    await versions.locator('option', { hasText: 'Version 2 (published)' }).waitFor({ state: 'attached' });
    expect(await versions.locator('option').allTextContents()).toEqual([
      'Draft',
      'Version 2 (published)',
      'Version 1',
    ]);

    const end = page.locator('.react-flow__node[data-id="end"] .graph-node-title');
    await versions.selectOption({ label: 'Version 1' });
    await page.getByText("This one's triggers no longer fire: version 2 is published.").waitFor();
    await end.getByText('End', { exact: true }).waitFor();
    // An earlier version exports too: its own graph, named after its number.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/-v1\.yml$/);
    const exported = await readFile(await download.path(), 'utf8');
    expect(exported).toContain('title: End');
    expect(exported).not.toContain('Finish');
    await versions.selectOption({ label: 'Version 2 (published)' });
    await end.getByText('Finish', { exact: true }).waitFor();
    await screenshot(page, 'workflow-version-2');
  });

  it('shows a failed run with its error and retries it as a new attempt', async () => {
    const created = await fetch(`${server.url}/api/v1/workflows`, {
      method: 'POST',
      headers: { authorization: `Bearer ${OWNER_TOKEN}`, 'content-type': 'application/yaml' },
      body: FAILING_DSL,
    });
    expect(created.status).toBe(201);
    const failing = (await created.json()) as { id: string };
    const run = await server.api('POST', `/api/v1/workflows/${failing.id}/draft/run`, { body: {} });
    expect(run.status).toBe(202);

    await goTo(page, `/runs/${run.json.id}`);
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByText(`(retries ${run.json.id})`).waitFor();
    await page.locator('h1 .badge', { hasText: 'failed' }).waitFor();
    expect(await page.getByRole('alert').first().textContent()).toContain('kaboom');
    const runs = await server.api('GET', `/api/v1/workflows/${failing.id}/runs`);
    expect(runs.json.items.map((item: { attempt: number }) => item.attempt)).toEqual([2, 1]);

    // Every workflow's runs in one list, newest first: the retry on top.
    const all = await server.api('GET', '/api/v1/runs');
    await goTo(page, '/runs');
    const table = page.getByRole('table', { name: 'Runs' });
    await table
      .locator('tbody tr')
      .nth(all.json.items.length - 1)
      .waitFor();
    expect(await table.locator('tbody tr').count()).toBe(all.json.items.length);
    expect(await table.locator('tbody tr').first().textContent()).toContain('attempt 2');
    expect(await table.textContent()).toContain('Pull request titles');
  });

  it('deletes a workflow after asking', async () => {
    await goTo(page, '/workflows');
    const row = page.getByRole('row', { name: /Pull request titles/ });
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: /Always fails/ }).waitFor();
    const list = await server.api('GET', '/api/v1/workflows');
    expect(list.json.items.map((item: { name: string }) => item.name)).toEqual(['Always fails']);
  });
});
