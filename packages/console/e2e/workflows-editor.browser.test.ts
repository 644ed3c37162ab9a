import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConsole, goTo, type Page, screenshot, type TestServer } from './browser.test-helpers.js';
import { type ManualSubscription, waitForDispatch } from './github-subscription.test-helpers.js';
import { deliverPullRequest, openWorkflowConsole, WORKFLOW_DSL } from './workflows-browser.test-helpers.js';

/**
 * A trigger that names no event and an edge to a node that does not exist: the server reports
 * those and what follows from them, some with "; " inside their text.
 */
const REFUSED_DSL = WORKFLOW_DSL.replace('event_name: push', 'event_name: ""').replace(
  'target: end',
  'target: nowhere',
);

describe('the workflow editor of the console', () => {
  let server: TestServer;
  let page: Page;
  let subscription: ManualSubscription;
  let workflowId: string;

  beforeAll(async () => {
    ({ server, page, subscription } = await openWorkflowConsole());
  });
  afterAll(closeConsole);

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
    expect(await deliverPullRequest(subscription, 'browser-pr-1')).toBe(200);
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
    expect(await deliverPullRequest(subscription, 'browser-pr-after-stop')).toBe(200);
    expect((await waitForDispatch(server, subscription.id, 'browser-pr-after-stop')).runs).toEqual([]);
    await panel.getByRole('button', { name: 'Close the panel' }).click();
  });
});
