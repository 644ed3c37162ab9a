import type { Clock, Logger } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import { Dispatcher } from '../dispatch/dispatcher.js';
import type { InternalEvents } from '../domain/internal-events.js';
import type { RedisSignals } from '../domain/redis-signals.js';
import { createGuardedFetch } from '../engine/nodes/http-request/guarded-fetch.js';
import { getNodeDefinition } from '../engine/nodes/node-registry.js';
import { createWorkerSandbox } from '../engine/nodes/sandbox/worker-sandbox.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { listenersForDispatch } from '../listening/listener-dispatch.js';
import { ListenerService } from '../listening/listener-service.js';
import { LocalListenerRegistry } from '../listening/local-listener-registry.js';
import { RedisListenerRegistry } from '../listening/redis-listener-registry.js';
import { announceRunEnded, runProgressHooks } from '../listening/run-progress.js';
import { BullMqRunQueue } from '../queue/bullmq/bullmq-run-queue.js';
import { LocalRunQueue } from '../queue/local/local-run-queue.js';
import { RunExecutor } from '../runs/run-executor.js';
import { RunProcessor } from '../runs/run-processor.js';
import { Scheduler } from '../schedules/scheduler.js';
import type { Store } from '../store/store.js';
import type { WebhookIds } from '../webhooks/webhook-ids.js';

/** What turns stored events, schedules and listeners into runs, and runs them. */
export interface RunEngine {
  readonly queue: LocalRunQueue | BullMqRunQueue;
  readonly listeners: ListenerService;
  /** Starts what this process's roles ask for. */
  start(): Promise<void>;
  /** Stops taking and running work; the store stays open. */
  stop(): Promise<void>;
  /** Closes the connections the engine holds itself, after the store is closed. */
  disconnect(): void;
}

/**
 * Events become runs after the ack: the dispatcher reads the durable inbox, the queue runs them.
 * With `signals` (Redis), the queue and the listener registry are shared by every process.
 */
export async function createRunEngine(input: {
  readonly config: Config;
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly events: InternalEvents;
  readonly signals: RedisSignals | undefined;
  readonly webhookIds: WebhookIds;
  readonly clock: Clock;
  readonly logger: Logger;
}): Promise<RunEngine> {
  const { config, store, catalog, events, signals, webhookIds, clock, logger } = input;
  const sandbox = createWorkerSandbox();
  const executor = new RunExecutor({
    definitions: getNodeDefinition,
    clock,
    logger,
    fetch: createGuardedFetch({ allow: config.httpAllowlist }),
    sandbox,
  });
  const processor = new RunProcessor({ store, executor, clock, logger, ...runProgressHooks(events) });
  const queueOptions = {
    store,
    handler: processor.handle,
    onEnded: announceRunEnded(events),
    clock,
    logger,
    // Runs executing at once. They mostly wait (on the store, the sandbox, the network), so the
    // bound is wide; with 4 the queue itself was the bottleneck at 500 events/s (npm run bench).
    concurrency: 32,
  };
  const queue =
    signals && config.redisUrl
      ? new BullMqRunQueue({ ...queueOptions, redisUrl: config.redisUrl, prefix: signals.key('bull') })
      : new LocalRunQueue({ ...queueOptions, exclusive: store.dialect === 'sqlite' });
  const registry = signals
    ? new RedisListenerRegistry({ signals, clock, logger })
    : new LocalListenerRegistry({ clock });
  if (registry instanceof RedisListenerRegistry) await registry.connect();
  // Drafts listening for their next event ("Run this step") are asked after the published triggers.
  const listeners = new ListenerService({
    store,
    queue,
    registry,
    events,
    webhookIds,
    clock,
    logger,
  });
  // Shared listeners are reserved before a batch is planned, so two processes never capture one.
  const dispatcher = new Dispatcher({
    store,
    catalog,
    queue,
    events,
    clock,
    logger,
    listeners: listenersForDispatch(listeners),
  });
  const scheduler = new Scheduler({ store, queue, clock, logger });

  return {
    queue,
    listeners,
    async start() {
      listeners.start();
      // A process without the worker role only stores deliveries: another process (or a restart) dispatches them.
      if (config.roles.has('worker')) {
        await queue.start();
        dispatcher.start();
      }
      if (config.roles.has('scheduler')) scheduler.start();
    },
    async stop() {
      await scheduler.stop();
      await dispatcher.stop();
      listeners.stop();
      await queue.stop();
      await sandbox.close();
    },
    disconnect() {
      if (registry instanceof RedisListenerRegistry) registry.close();
    },
  };
}
