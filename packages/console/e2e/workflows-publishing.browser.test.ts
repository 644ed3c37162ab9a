import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  closeConsole,
  goTo,
  OWNER_TOKEN,
  type Page,
  screenshot,
  type TestServer,
} from './browser.test-helpers.js';
import { importAttachedWorkflow, openWorkflowConsole } from './workflows-browser.test-helpers.js';

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

describe('published workflows, their versions and runs in the console', () => {
  let server: TestServer;
  let page: Page;
  let workflowId: string;

  beforeAll(async () => {
    const opened = await openWorkflowConsole();
    ({ server, page } = opened);
    workflowId = await importAttachedWorkflow(opened);
  });
  afterAll(closeConsole);

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
