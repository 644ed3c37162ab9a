import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { github } from '@tripline/integrations';
import { type Logger, systemClock } from '@tripline/sdk';
import { newTimeOrderedId } from '../domain/ids.js';
import { createGuardedFetch } from '../engine/nodes/http-request/guarded-fetch.js';
import { getNodeDefinition } from '../engine/nodes/node-registry.js';
import { createWorkerSandbox } from '../engine/nodes/sandbox/worker-sandbox.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { firstRun } from '../runs/first-run.js';
import { RunExecutor } from '../runs/run-executor.js';
import { RunProcessor } from '../runs/run-processor.js';
import { createSubscription, seedWorkspace } from '../store/contract-fixtures.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { WorkflowService } from '../workflows/workflow-service.js';
import { benchWorkflow, PULL_REQUEST_OPENED } from './bench-workflow.js';

export const quietLogger: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A store holding the published bench workflow and its queued runs, and the processor to work them. */
export interface EngineBenchFixture {
  readonly store: SqliteStore;
  readonly processor: RunProcessor;
  /** Seconds spent queueing the runs (before any measurement). */
  readonly queueSeconds: number;
  close(): Promise<void>;
}

/**
 * SQLite in a fresh directory (WAL, synchronous FULL, as served), the 5-node bench workflow
 * published, `runs` runs of it queued as GitHub deliveries would queue them, and the real
 * executor with the worker sandbox.
 */
export async function prepareEngineBench(input: {
  readonly runs: number;
  readonly template: boolean;
}): Promise<EngineBenchFixture> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tripline-engine-bench-'));
  const store = new SqliteStore({ file: path.join(dir, 'tripline.db') });
  const sandbox = createWorkerSandbox();
  const close = async () => {
    await sandbox.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
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
      logger: quietLogger,
    });
    const workflow = await workflows.create(
      principal,
      benchWorkflow({ subscriptionId: subscription.id, template: input.template }),
    );
    const published = await workflows.publish(principal, workflow.id);
    const record = await workflows.record(principal, published.id);
    const versionId = record.publishedVersionId;
    if (versionId === null) throw new Error('the bench workflow was not published');

    const queueStartedAt = performance.now();
    const now = new Date();
    for (let start = 0; start < input.runs; start += 1000) {
      const runs = Array.from({ length: Math.min(1000, input.runs - start) }, () =>
        firstRun({
          id: newTimeOrderedId(now.getTime()),
          workspaceId: seeded.workspaceId,
          workflowId: workflow.id,
          versionId,
          trigger: {
            nodeId: '1754400000001',
            type: 'trigger-plugin',
            subscriptionId: subscription.id,
            event: 'pull_request',
          },
          invokeFrom: 'trigger',
          inputs: PULL_REQUEST_OPENED,
          createdAt: now,
        }),
      );
      await store.runs.commitDispatch({ runs, logs: [], now });
    }
    const queueSeconds = (performance.now() - queueStartedAt) / 1000;

    const executor = new RunExecutor({
      definitions: getNodeDefinition,
      clock: systemClock,
      logger: quietLogger,
      fetch: createGuardedFetch(),
      sandbox,
    });
    const processor = new RunProcessor({ store, executor, clock: systemClock, logger: quietLogger });
    return { store, processor, queueSeconds, close };
  } catch (error) {
    await close();
    throw error;
  }
}
