import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { github } from '@tripline/integrations';
import { fixedClock, type Integration } from '@tripline/sdk';
import { afterAll, beforeAll, describe } from 'vitest';
import { Dispatcher } from '../dispatch/dispatcher.js';
import { InternalEvents } from '../domain/internal-events.js';
import { createGuardedFetch } from '../engine/nodes/http-request/guarded-fetch.js';
import { getNodeDefinition } from '../engine/nodes/node-registry.js';
import { createWorkerSandbox, type WorkerSandbox } from '../engine/nodes/sandbox/worker-sandbox.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { LocalRunQueue, type LocalRunQueueOptions } from '../queue/local/local-run-queue.js';
import { RunExecutor } from '../runs/run-executor.js';
import { RunProcessor } from '../runs/run-processor.js';
import { RunService } from '../runs/run-service.js';
import { createSubscription, seedWorkspace } from '../store/contract-fixtures.js';
import { PostgresStore } from '../store/postgres/postgres-store.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../store/postgres/postgres-test-database.test-helpers.js';
import type { Principal, SubscriptionRecord } from '../store/records.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { SqliteWriterThread } from '../store/sqlite/sqlite-writer-thread.js';
import type { Store } from '../store/store.js';
import { TriggerService } from './trigger-service.js';
import { silentLogger } from './workflow-fixtures.test-helpers.js';
import { WorkflowService } from './workflow-service.js';

export interface TestEngineOptions {
  readonly writerThread?: SqliteWriterThread;
  readonly integrations?: readonly Integration[];
  /** Another store than SQLite, not yet migrated (e.g. PostgreSQL). */
  readonly openStore?: () => Promise<Store>;
}

/**
 * Declares the same suite once over SQLite and once over PostgreSQL; `body` receives what to
 * pass to {@link startTestEngine} for its store.
 */
export function describeOnEveryStore(
  title: string,
  body: (engineOptions: () => TestEngineOptions) => void,
): void {
  const writerThread = new SqliteWriterThread();
  let postgres: PostgresTestDatabase | undefined;
  afterAll(async () => {
    await writerThread.stop();
    await postgres?.drop();
  });
  describe(`${title} on sqlite`, () => body(() => ({ writerThread })));
  describe(`${title} on postgres`, () => {
    beforeAll(async () => {
      postgres = await createPostgresTestDatabase();
    });
    body(() => ({
      openStore: async () => new PostgresStore({ connectionString: await postgres!.freshUrl() }),
    }));
  });
}

export interface TestEngine {
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly events: InternalEvents;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly workflows: WorkflowService;
  readonly triggers: TriggerService;
  readonly runs: RunService;
  readonly queue: LocalRunQueue;
  readonly dispatcher: Dispatcher;
  readonly sandbox: WorkerSandbox;
  readonly principal: Principal;
  readonly subscription: SubscriptionRecord;
  /** A queue like the engine's over the same store, e.g. as a restarted process would start it. */
  newQueue(options?: Partial<LocalRunQueueOptions>): LocalRunQueue;
  close(): Promise<void>;
}

/**
 * Everything from stored delivery to finished run over a real SQLite store in a temporary
 * directory: services, dispatcher, local queue, executor with real node definitions and sandbox.
 * Neither the dispatcher nor the queue is started: tests drive them.
 */
export async function startTestEngine(options: TestEngineOptions = {}): Promise<TestEngine> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tripline-engine-'));
  const store = options.openStore
    ? await options.openStore()
    : new SqliteStore({
        file: path.join(dir, 'tripline.db'),
        ...(options.writerThread ? { writerThread: options.writerThread } : {}),
      });
  await store.migrate();
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));
  const catalog = new IntegrationCatalog(options.integrations ?? [github]);
  const events = new InternalEvents();
  const sandbox = createWorkerSandbox({ maxWorkers: 1 });
  const executor = new RunExecutor({
    definitions: getNodeDefinition,
    clock,
    logger: silentLogger,
    fetch: createGuardedFetch(),
    sandbox,
  });
  const processor = new RunProcessor({ store, executor, clock, logger: silentLogger });
  const newQueue = (overrides: Partial<LocalRunQueueOptions> = {}) =>
    new LocalRunQueue({
      store,
      handler: processor.handle,
      clock,
      logger: silentLogger,
      concurrency: 2,
      ...overrides,
    });
  const queue = newQueue();
  const dispatcher = new Dispatcher({ store, catalog, queue, events, clock, logger: silentLogger });
  const seeded = await seedWorkspace(store);
  const principal: Principal = {
    tokenId: seeded.tokenId,
    memberId: seeded.ownerId,
    workspaceId: seeded.workspaceId,
    role: 'owner',
  };
  const subscription = await createSubscription(store, seeded.workspaceId, 'GitHub hook');
  return {
    store,
    catalog,
    events,
    clock,
    workflows: new WorkflowService({ store, catalog, clock, logger: silentLogger }),
    triggers: new TriggerService({ store }),
    runs: new RunService({ store, queue, clock, logger: silentLogger }),
    queue,
    dispatcher,
    sandbox,
    principal,
    subscription,
    newQueue,
    close: async () => {
      await dispatcher.stop();
      await queue.stop();
      await sandbox.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
