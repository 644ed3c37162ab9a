import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunPage } from '../../runs/run-service.js';
import type { RunView } from '../../runs/run-view.js';
import { greetingDocument } from '../../workflows/workflow-fixtures.test-helpers.js';
import type { WorkflowView } from '../../workflows/workflow-view.js';
import { startWorkflowApi, type WorkflowApi } from './workflow-api.test-helpers.js';

describe('run routes', () => {
  let http: WorkflowApi;
  let workflowId: string;
  beforeAll(async () => {
    http = await startWorkflowApi();
    await http.queue.start();
    workflowId = (await http.request<WorkflowView>('POST', '/api/v1/workflows', { body: greetingDocument }))
      .body.id;
  });
  afterAll(() => http.api.close());

  async function runDraft(inputs: Record<string, unknown>): Promise<RunView> {
    const queued = await http.request<RunView>('POST', `/api/v1/workflows/${workflowId}/draft/run`, {
      body: { inputs },
    });
    expect(queued.status).toBe(202);
    expect(queued.body.status).toBe('queued');
    await http.queue.drain();
    return (await http.request<RunView>('GET', `/api/v1/runs/${queued.body.id}`)).body;
  }

  it('POST draft/run queues a run of the draft; GET runs/{id} shows its outputs and trace', async () => {
    const run = await runDraft({ greeting: 'hello', shout: true });
    expect(run).toMatchObject({
      status: 'succeeded',
      draft: true,
      outputs: { loud: 'hello' },
      trigger: { nodeId: 'start', type: 'start' },
    });
    expect(run.trace.map((node) => [node.nodeId, node.status])).toEqual([
      ['start', 'succeeded'],
      ['check', 'succeeded'],
      ['loud', 'succeeded'],
      ['quiet', 'skipped'],
    ]);
    const bad = await http.request('POST', `/api/v1/workflows/${workflowId}/draft/run`, {
      body: { inputs: 'x' },
    });
    expect(bad.status).toBe(400);
    const viewer = await http.request('POST', `/api/v1/workflows/${workflowId}/draft/run`, {
      token: http.tokens.viewer,
      body: {},
    });
    expect(viewer.status).toBe(403);
  });

  it('POST runs/{id}/retry runs a failed run again as a new linked run; others answer 409', async () => {
    const failed = await runDraft({});
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('greeting') });
    const retry = await http.request<RunView>('POST', `/api/v1/runs/${failed.id}/retry`);
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ retryOf: failed.id, attempt: 2, status: 'queued' });
    const ok = await runDraft({ greeting: 'hi' });
    const refused = await http.request('POST', `/api/v1/runs/${ok.id}/retry`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('run_not_failed');
  });

  it('GET workflows/{id}/runs pages newest first; other workspaces get 404', async () => {
    const first = await http.request<RunPage>('GET', `/api/v1/workflows/${workflowId}/runs?limit=2`, {
      token: http.tokens.viewer,
    });
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toBe(first.body.items[1]?.id);
    const next = await http.request<RunPage>(
      'GET',
      `/api/v1/workflows/${workflowId}/runs?limit=2&before=${first.body.nextCursor}`,
    );
    expect(next.body.items[0]!.id < first.body.items[1]!.id).toBe(true);
    const token = http.tokens.stranger;
    const runId = first.body.items[0]!.id;
    const answers = await Promise.all([
      http.request('GET', `/api/v1/runs/${runId}`, { token }),
      http.request('POST', `/api/v1/runs/${runId}/retry`, { token }),
      http.request('GET', `/api/v1/workflows/${workflowId}/runs`, { token }),
      http.request('POST', `/api/v1/workflows/${workflowId}/draft/run`, { token, body: {} }),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
  });
});
