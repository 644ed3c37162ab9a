import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunPage } from '../../runs/run-service.js';
import type { RunView } from '../../runs/run-view.js';
import { greetingDocument } from '../../workflows/workflow-fixtures.test-helpers.js';
import type { WorkflowView } from '../../workflows/workflow-view.js';
import { startWorkflowApi, type WorkflowApi } from './workflow-api.test-helpers.js';

describe('GET /runs', () => {
  let http: WorkflowApi;
  let first: string;
  let second: string;
  let elsewhere: string;
  /** Run ids in the order they were queued. */
  const queued: { id: string; workflowId: string }[] = [];

  async function createWorkflow(token?: string): Promise<string> {
    const created = await http.request<WorkflowView>('POST', '/api/v1/workflows', {
      body: greetingDocument,
      ...(token ? { token } : {}),
    });
    expect(created.status).toBe(201);
    return created.body.id;
  }

  async function runDraft(workflowId: string, inputs: Record<string, unknown>, token?: string) {
    const run = await http.request<RunView>('POST', `/api/v1/workflows/${workflowId}/draft/run`, {
      body: { inputs },
      ...(token ? { token } : {}),
    });
    expect(run.status).toBe(202);
    queued.push({ id: run.body.id, workflowId });
    await http.queue.drain();
  }

  function page(query: string, token?: string) {
    return http.request<RunPage>('GET', `/api/v1/runs${query}`, token ? { token } : {});
  }

  beforeAll(async () => {
    http = await startWorkflowApi();
    await http.queue.start();
    first = await createWorkflow();
    second = await createWorkflow();
    elsewhere = await createWorkflow(http.tokens.stranger);
    await runDraft(first, { greeting: 'one' });
    await runDraft(second, {});
    await runDraft(elsewhere, { greeting: 'far' }, http.tokens.stranger);
    await runDraft(first, {});
    await runDraft(second, { greeting: 'two' });
  });
  afterAll(() => http.api.close());

  const own = () => queued.filter((run) => run.workflowId !== elsewhere);
  const idsOf = (runs: readonly { readonly id: string }[]) => runs.map((run) => run.id);

  it("lists the workspace's runs across workflows newest first, in the summary shape", async () => {
    const answer = await page('', http.tokens.viewer);
    expect(answer.status).toBe(200);
    expect(idsOf(answer.body.items)).toEqual(idsOf(own()).reverse());
    expect(answer.body.nextCursor).toBeNull();
    const [newest] = answer.body.items;
    expect(newest).toMatchObject({ workflowId: second, status: 'succeeded', draft: true, attempt: 1 });
    expect(newest).not.toHaveProperty('trace');
    expect(newest).not.toHaveProperty('inputs');
  });

  it('pages with limit and before until nextCursor is null', async () => {
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const answer = await page(`?limit=3${cursor ? `&before=${cursor}` : ''}`);
      expect(answer.status).toBe(200);
      expect(answer.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...idsOf(answer.body.items));
      cursor = answer.body.nextCursor;
    }
    expect(seen).toEqual(idsOf(own()).reverse());
  });

  it('filters by workflow and by status', async () => {
    const ofFirst = await page(`?workflowId=${first}`);
    expect(idsOf(ofFirst.body.items)).toEqual(
      idsOf(queued.filter((run) => run.workflowId === first)).reverse(),
    );
    const failed = await page('?status=failed');
    expect(failed.body.items.map((run) => [run.workflowId, run.status])).toEqual([
      [first, 'failed'],
      [second, 'failed'],
    ]);
    const both = await page(`?status=succeeded&workflowId=${second}`);
    expect(idsOf(both.body.items)).toEqual([queued.at(-1)?.id]);
  });

  it("never shows another workspace's runs, even when asked for its workflow", async () => {
    expect((await page(`?workflowId=${elsewhere}`)).body).toEqual({ items: [], nextCursor: null });
    const theirs = await page('', http.tokens.stranger);
    expect(theirs.body.items.map((run) => run.workflowId)).toEqual([elsewhere]);
  });

  it('answers 400 for a query it cannot read, 401 without a token', async () => {
    const answers = await Promise.all([
      page('?limit=0'),
      page('?limit=201'),
      page('?status=done'),
      page('?unknown=1'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
    const status = answers[2]?.body as unknown as { error: { message: string } };
    expect(status.error.message).toMatch(/status/);
    expect((await http.request('GET', '/api/v1/runs', { token: '' })).status).toBe(401);
  });
});
