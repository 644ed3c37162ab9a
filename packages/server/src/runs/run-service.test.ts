import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedWorkspace } from '../store/contract-fixtures.js';
import type { Principal } from '../store/records.js';
import {
  describeOnEveryStore,
  startTestEngine,
  type TestEngine,
} from '../workflows/workflow-engine.test-helpers.js';
import { greetingDocument } from '../workflows/workflow-fixtures.test-helpers.js';

describeOnEveryStore('RunService', (engineOptions) => {
  let engine: TestEngine;
  let owner: Principal;
  let workflowId: string;

  beforeAll(async () => {
    engine = await startTestEngine(engineOptions());
    owner = engine.principal;
    workflowId = (await engine.workflows.create(owner, greetingDocument)).id;
    await engine.queue.start();
  });
  afterAll(() => engine.close());

  it('runDraft queues a run of the draft from its start node, which the queue completes', async () => {
    const queued = await engine.runs.runDraft(owner, workflowId, { inputs: { greeting: 'hello' } });
    expect(queued).toMatchObject({
      status: 'queued',
      draft: true,
      versionId: null,
      trigger: { nodeId: 'start', type: 'start' },
      invokeFrom: 'debugger',
      inputs: { greeting: 'hello' },
      attempt: 1,
    });
    await engine.queue.drain();
    const run = await engine.runs.get(owner, queued.id);
    expect(run).toMatchObject({ status: 'succeeded', outputs: { quiet: 'hello' } });
    expect(run.trace.map((node) => [node.nodeId, node.status])).toEqual([
      ['start', 'succeeded'],
      ['check', 'succeeded'],
      ['loud', 'skipped'],
      ['quiet', 'succeeded'],
    ]);
    // The run keeps the draft it was asked for, whatever the draft becomes.
    await engine.workflows.putDraft(owner, workflowId, { graph: { nodes: [], edges: [] } });
    await expect(engine.runs.runDraft(owner, workflowId, {})).rejects.toMatchObject({ status: 422 });
    await engine.workflows.putDraft(owner, workflowId, greetingDocument);
  });

  it('retry runs a failed run again as a new run linked to it; other runs are refused', async () => {
    const failing = await engine.runs.runDraft(owner, workflowId, { inputs: {} });
    await engine.queue.drain();
    const failed = await engine.runs.get(owner, failing.id);
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringContaining('greeting') });
    const retry = await engine.runs.retry(owner, failed.id);
    expect(retry).toMatchObject({ status: 'queued', retryOf: failed.id, attempt: 2, inputs: {} });
    await engine.queue.drain();
    expect((await engine.runs.get(owner, retry.id)).status).toBe('failed');
    expect((await engine.runs.get(owner, failed.id)).status).toBe('failed');

    const ok = await engine.runs.runDraft(owner, workflowId, { inputs: { greeting: 'hi', shout: true } });
    await engine.queue.drain();
    expect((await engine.runs.get(owner, ok.id)).outputs).toEqual({ loud: 'hi' });
    await expect(engine.runs.retry(owner, ok.id)).rejects.toMatchObject({
      status: 409,
      code: 'run_not_failed',
    });
  });

  it('runDraft refuses a node that is not an entry node; list pages newest first', async () => {
    await expect(engine.runs.runDraft(owner, workflowId, { nodeId: 'check' })).rejects.toThrow(
      /node "check" is not an entry node of the draft; entry nodes: "start" \(start\)/,
    );
    const page = await engine.runs.list(owner, workflowId, { limit: 2 });
    expect(page.items).toHaveLength(2);
    expect(page.items[0]!.id > page.items[1]!.id).toBe(true);
    const next = await engine.runs.list(owner, workflowId, { limit: 2, before: page.nextCursor! });
    expect(next.items[0]!.id < page.items[1]!.id).toBe(true);
  });

  it('another workspace sees none of the runs', async () => {
    const other = await seedWorkspace(engine.store, 'Elsewhere');
    const stranger: Principal = {
      tokenId: other.tokenId,
      memberId: other.ownerId,
      workspaceId: other.workspaceId,
      role: 'owner',
    };
    const [run] = (await engine.runs.list(owner, workflowId, {})).items;
    await expect(engine.runs.get(stranger, run!.id)).rejects.toMatchObject({ status: 404 });
    await expect(engine.runs.retry(stranger, run!.id)).rejects.toMatchObject({ status: 404 });
    await expect(engine.runs.list(stranger, workflowId, {})).rejects.toMatchObject({ status: 404 });
    await expect(engine.runs.runDraft(stranger, workflowId, {})).rejects.toMatchObject({ status: 404 });
  });
});
