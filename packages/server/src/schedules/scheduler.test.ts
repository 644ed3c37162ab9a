import { afterEach, beforeEach, expect, it } from 'vitest';
import { editedFixture, graphOf } from '../engine/dsl/fixtures.test-helpers.js';
import type { RunQueue } from '../queue/queue.js';
import {
  describeOnEveryStore,
  startTestEngine,
  type TestEngine,
} from '../workflows/workflow-engine.test-helpers.js';
import { silentLogger } from '../workflows/workflow-fixtures.test-helpers.js';
import { Scheduler } from './scheduler.js';

const TRIGGER = '1754600000001';

/** Every day at 9:00 in Berlin (08:00 UTC until the end of March), straight into an end node. */
function scheduleDocument(cron = '0 9 * * *'): string {
  return editedFixture('schedule-trigger.yml', (document) => {
    const graph = graphOf(document);
    const trigger = graph.nodes.find((node) => node.id === TRIGGER);
    if (!trigger) throw new Error('the fixture has no schedule trigger');
    trigger.data.cron_expression = cron;
    const end = graph.nodes.find((node) => node.data.type === 'end');
    if (!end) throw new Error('the fixture has no end node');
    end.data.outputs = [
      { variable: 'at', value_type: 'string', value_selector: [TRIGGER, 'scheduled_time'] },
    ];
    graph.nodes = [trigger, end];
    graph.edges = [
      { id: 'schedule-end', source: TRIGGER, sourceHandle: 'source', target: end.id, targetHandle: 'target' },
    ];
  });
}

const enqueued: string[][] = [];
const recordingQueue: RunQueue = {
  enqueue: async (ids) => {
    enqueued.push([...ids]);
  },
  start: async () => {},
  stop: async () => {},
};

describeOnEveryStore('the scheduler', (engineOptions) => {
  let engine: TestEngine;
  let workflowId: string;

  beforeEach(async () => {
    enqueued.length = 0;
    engine = await startTestEngine(engineOptions());
    const workflow = await engine.workflows.create(engine.principal, scheduleDocument());
    workflowId = workflow.id;
    await engine.workflows.publish(engine.principal, workflowId);
  });

  afterEach(async () => {
    await engine.close();
  });

  const newScheduler = () =>
    new Scheduler({ store: engine.store, queue: recordingQueue, clock: engine.clock, logger: silentLogger });
  const at = (iso: string) => engine.clock.set(Date.parse(iso));
  const runsOf = async () =>
    (await engine.store.runs.list({ workspaceId: engine.principal.workspaceId, workflowId, limit: 50 })).map(
      (run) => run.id,
    );

  it('fires a schedule once at its time in its time zone, and says when it is due next', async () => {
    const scheduler = newScheduler();
    const first = await scheduler.tick();
    expect(first.created).toEqual([]);
    expect(first.nextDueAt?.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    at('2026-03-02T07:59:59.999Z');
    expect((await scheduler.tick()).created).toEqual([]);
    at('2026-03-02T08:00:00.000Z');
    const fired = await scheduler.tick();
    expect(fired.created).toHaveLength(1);
    expect(enqueued).toEqual([fired.created]);
    expect((await scheduler.tick()).created).toEqual([]);
    const run = await engine.store.runs.get(engine.principal.workspaceId, fired.created[0] ?? '');
    expect(run).toMatchObject({
      status: 'queued',
      invokeFrom: 'schedule',
      trigger: { nodeId: TRIGGER, type: 'trigger-schedule' },
      inputs: { scheduled_time: '2026-03-02T08:00:00.000Z' },
    });
  });

  it('starts a run that runs the workflow with the scheduled time', async () => {
    at('2026-03-02T08:00:30Z');
    const [runId] = (await newScheduler().tick()).created;
    await engine.queue.start();
    await engine.queue.drain();
    const run = await engine.store.runs.get(engine.principal.workspaceId, runId ?? '');
    expect(run?.status).toBe('succeeded');
    expect(run?.outputs).toEqual({ at: '2026-03-02T08:00:00.000Z' });
  });

  it('creates one run when two schedulers fire the same time', async () => {
    at('2026-03-02T08:00:00Z');
    const results = await Promise.all([newScheduler().tick(), newScheduler().tick()]);
    expect(results.flatMap((result) => result.created)).toHaveLength(1);
    expect(await runsOf()).toHaveLength(1);
  });

  it('runs only the latest missed time after being down, once', async () => {
    at('2026-03-02T08:00:00Z');
    await newScheduler().tick();
    at('2026-03-05T12:00:00Z');
    const restarted = newScheduler();
    const caughtUp = await restarted.tick();
    expect(caughtUp.created).toHaveLength(1);
    const run = await engine.store.runs.get(engine.principal.workspaceId, caughtUp.created[0] ?? '');
    expect(run?.inputs).toEqual({ scheduled_time: '2026-03-05T08:00:00.000Z' });
    expect((await newScheduler().tick()).created).toEqual([]);
    expect(await runsOf()).toHaveLength(2);
  });

  it('never fires for times before the version was published', async () => {
    // Published at 12:00 UTC: that morning's 08:00 is not a missed time.
    at('2026-03-01T13:00:00Z');
    expect((await newScheduler().tick()).created).toEqual([]);
  });

  it('stops with the trigger switched off and skips the times it was off when switched on again', async () => {
    const scheduler = newScheduler();
    await scheduler.tick();
    await engine.triggers.setEnabled(engine.principal, workflowId, TRIGGER, false);
    at('2026-03-02T08:00:00Z');
    expect((await scheduler.tick()).created).toEqual([]);
    at('2026-03-02T10:00:00Z');
    await engine.triggers.setEnabled(engine.principal, workflowId, TRIGGER, true);
    expect((await scheduler.tick()).created).toEqual([]);
    at('2026-03-03T08:00:00Z');
    expect((await scheduler.tick()).created).toHaveLength(1);
  });

  it('follows a new published version and forgets a deleted workflow', async () => {
    const scheduler = newScheduler();
    await scheduler.tick();
    await engine.workflows.putDraft(engine.principal, workflowId, scheduleDocument('30 9 * * *'));
    await engine.workflows.publish(engine.principal, workflowId);
    const next = await scheduler.tick();
    expect(next.nextDueAt?.toISOString()).toBe('2026-03-02T08:30:00.000Z');
    await engine.workflows.delete(engine.principal, workflowId);
    at('2026-03-02T08:30:00Z');
    expect(await scheduler.tick()).toEqual({ created: [], nextDueAt: undefined });
  });
});
