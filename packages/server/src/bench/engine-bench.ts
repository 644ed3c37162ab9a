import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { github } from '@tripline/integrations';
import { type Logger, systemClock } from '@tripline/sdk';
import { newTimeOrderedId } from '../domain/ids.js';
import { createGuardedFetch } from '../engine/nodes/http-request/guarded-fetch.js';
import { getNodeDefinition } from '../engine/nodes/node-registry.js';
import { createWorkerSandbox } from '../engine/nodes/sandbox/worker-sandbox.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { LocalRunQueue } from '../queue/local/local-run-queue.js';
import type { RunOutcome } from '../queue/queue.js';
import { RunExecutor } from '../runs/run-executor.js';
import { RunProcessor } from '../runs/run-processor.js';
import { createSubscription, seedWorkspace } from '../store/contract-fixtures.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import type { NewRunRecord, NodeTrace } from '../store/workflow-records.js';
import { WorkflowService } from '../workflows/workflow-service.js';
import { benchWorkflow, PULL_REQUEST_OPENED } from './bench-workflow.js';

export interface EngineBenchResult {
  readonly template: boolean;
  readonly runs: number;
  readonly concurrency: number;
  readonly seconds: number;
  readonly runsPerSecond: number;
  readonly succeeded: number;
  /** Mean time inside each node type, from the runs' traces (ms resolution). */
  readonly meanNodeMs: Readonly<Record<string, number>>;
  /** Mean of a run's first node start to its last node end. */
  readonly meanRunMs: number;
}

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/**
 * Runs per second of one process: `runs` queued runs of the 5-node bench workflow, on SQLite
 * (WAL, synchronous FULL, as served), worked by the local queue with the real executor and
 * sandbox, from the first claim to the last stored completion.
 */
export async function runEngineBench(input: {
  readonly runs: number;
  readonly template: boolean;
  readonly concurrency: number;
}): Promise<EngineBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tripline-engine-bench-'));
  const store = new SqliteStore({ file: path.join(dir, 'tripline.db') });
  const sandbox = createWorkerSandbox();
  try {
    await store.migrate();
    const seeded = await seedWorkspace(store);
    const subscription = await createSubscription(store, seeded.workspaceId, 'bench');
    const principal = {
      tokenId: seeded.tokenId,
      memberId: seeded.ownerId,
      workspaceId: seeded.workspaceId,
      role: 'owner' as const,
    };
    const workflows = new WorkflowService({
      store,
      catalog: new IntegrationCatalog([github]),
      clock: systemClock,
      logger: quiet,
    });
    const workflow = await workflows.create(
      principal,
      benchWorkflow({ subscriptionId: subscription.id, template: input.template }),
    );
    const published = await workflows.publish(principal, workflow.id);
    const record = await workflows.record(principal, published.id);
    const versionId = record.publishedVersionId;
    if (versionId === null) throw new Error('the bench workflow was not published');

    const now = new Date();
    const planned: NewRunRecord[] = Array.from({ length: input.runs }, () => ({
      id: newTimeOrderedId(now.getTime()),
      workspaceId: seeded.workspaceId,
      workflowId: workflow.id,
      versionId,
      document: null,
      trigger: {
        nodeId: '1754400000001',
        type: 'trigger-plugin',
        subscriptionId: subscription.id,
        event: 'pull_request',
      },
      invokeFrom: 'trigger',
      inputs: PULL_REQUEST_OPENED,
      attempt: 1,
      retryOf: null,
      deliveryLogId: null,
      eventIndex: null,
      createdBy: null,
      createdAt: now,
    }));
    for (let start = 0; start < planned.length; start += 1000) {
      await store.runs.commitDispatch({ runs: planned.slice(start, start + 1000), logs: [], now });
    }

    const executor = new RunExecutor({
      definitions: getNodeDefinition,
      clock: systemClock,
      logger: quiet,
      fetch: createGuardedFetch(),
      sandbox,
    });
    const processor = new RunProcessor({ store, executor, clock: systemClock, logger: quiet });
    const outcomes: RunOutcome[] = [];
    let done: () => void = () => {};
    const finished = new Promise<void>((resolve) => {
      done = resolve;
    });
    const queue = new LocalRunQueue({
      store,
      clock: systemClock,
      logger: quiet,
      concurrency: input.concurrency,
      exclusive: true,
      handler: async (run, signal) => {
        const outcome = await processor.handle(run, signal);
        outcomes.push(outcome);
        if (outcomes.length === input.runs) done();
        return outcome;
      },
    });
    const startedAt = performance.now();
    await queue.start();
    await finished;
    // The last completions are stored in a batch after their handlers return.
    await queue.drain();
    const seconds = (performance.now() - startedAt) / 1000;
    await queue.stop();
    return {
      template: input.template,
      runs: input.runs,
      concurrency: input.concurrency,
      seconds,
      runsPerSecond: input.runs / seconds,
      succeeded: outcomes.filter((outcome) => outcome.status === 'succeeded').length,
      meanNodeMs: meanNodeMs(outcomes.flatMap((outcome) => outcome.trace)),
      meanRunMs: mean(outcomes.map((outcome) => spanMs(outcome.trace))),
    };
  } finally {
    await sandbox.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function durationMs(trace: NodeTrace): number | undefined {
  if (trace.startedAt === undefined || trace.finishedAt === undefined) return undefined;
  return Date.parse(trace.finishedAt) - Date.parse(trace.startedAt);
}

function spanMs(traces: readonly NodeTrace[]): number {
  const starts = traces.flatMap((trace) => (trace.startedAt ? [Date.parse(trace.startedAt)] : []));
  const ends = traces.flatMap((trace) => (trace.finishedAt ? [Date.parse(trace.finishedAt)] : []));
  return starts.length === 0 ? 0 : Math.max(...ends) - Math.min(...starts);
}

function meanNodeMs(traces: readonly NodeTrace[]): Record<string, number> {
  const byType = new Map<string, number[]>();
  for (const trace of traces) {
    const ms = durationMs(trace);
    if (ms === undefined) continue;
    const key = `${trace.type} (${trace.title})`;
    const values = byType.get(key) ?? [];
    values.push(ms);
    byType.set(key, values);
  }
  return Object.fromEntries([...byType].map(([key, values]) => [key, Math.round(mean(values) * 100) / 100]));
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}
