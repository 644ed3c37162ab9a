import { createServer, type Server } from 'node:http';
import { builtInIntegrations } from '@tripline/integrations';
import { type Clock, type Integration, systemClock } from '@tripline/sdk';
import type { FastifyInstance } from 'fastify';
import { type Logger as PinoLogger, pino } from 'pino';
import { createApi, LOG_REDACT_PATHS } from './api/create-api.js';
import { listenerRoutes } from './api/routes/listener-routes.js';
import { oauthClientRoutes } from './api/routes/oauth-client-routes.js';
import { oauthCallbackRoutes, oauthRoutes } from './api/routes/oauth-routes.js';
import { requestLogRoutes } from './api/routes/request-log-routes.js';
import { runRoutes } from './api/routes/run-routes.js';
import { schedulePreviewRoutes } from './api/routes/schedule-preview-routes.js';
import { subscriptionBuilderRoutes } from './api/routes/subscription-builder-routes.js';
import { subscriptionRoutes } from './api/routes/subscription-routes.js';
import { webhookTriggerRoutes } from './api/routes/webhook-trigger-routes.js';
import { workflowRoutes } from './api/routes/workflow-routes.js';
import { workflowTriggerRoutes } from './api/routes/workflow-trigger-routes.js';
import { type Config, isLocalUrl } from './config/config.js';
import { consoleDir } from './console/console-files.js';
import { consoleRoutes } from './console/console-routes.js';
import { SecretBox } from './crypto/secret-box.js';
import { loadSecretKey } from './crypto/secret-key.js';
import { Dispatcher } from './dispatch/dispatcher.js';
import { InternalEvents } from './domain/internal-events.js';
import { RedisInternalEvents } from './domain/redis-internal-events.js';
import { RedisSignals } from './domain/redis-signals.js';
import { createGuardedFetch } from './engine/nodes/http-request/guarded-fetch.js';
import { getNodeDefinition } from './engine/nodes/node-registry.js';
import { createWorkerSandbox } from './engine/nodes/sandbox/worker-sandbox.js';
import { IntegrationContexts } from './external/integration-contexts.js';
import { EndpointResolver } from './ingress/endpoint-resolver.js';
import { createIngressHandler } from './ingress/ingress-handler.js';
import { isIngressPath } from './ingress/ingress-path.js';
import { IntegrationCatalog } from './integrations/integration-catalog.js';
import { listenersForDispatch } from './listening/listener-dispatch.js';
import { ListenerService } from './listening/listener-service.js';
import { LocalListenerRegistry } from './listening/local-listener-registry.js';
import { RedisListenerRegistry } from './listening/redis-listener-registry.js';
import { ReservingDispatcher } from './listening/reserving-dispatcher.js';
import { announceRunFinished, runProgressHooks } from './listening/run-progress.js';
import { credentialRefresher } from './oauth/credential-refresher.js';
import { OAuthAuthorizer } from './oauth/oauth-authorizer.js';
import { OAuthCallbackHandler } from './oauth/oauth-callback-handler.js';
import { OAuthClientService } from './oauth/oauth-client-service.js';
import { OAuthConfirmer } from './oauth/oauth-confirmer.js';
import { oauthStateCleanup } from './oauth/oauth-state-cleanup.js';
import { createMetrics } from './observability/metrics.js';
import { BullMqRunQueue } from './queue/bullmq/bullmq-run-queue.js';
import { LocalRunQueue } from './queue/local/local-run-queue.js';
import { logRetention } from './request-logs/log-retention.js';
import { RequestLogService } from './request-logs/request-log-service.js';
import { RunExecutor } from './runs/run-executor.js';
import { RunProcessor } from './runs/run-processor.js';
import { runRetention } from './runs/run-retention.js';
import { RunService } from './runs/run-service.js';
import { Scheduler } from './schedules/scheduler.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { builderCleanup } from './subscriptions/builder-cleanup.js';
import { BuilderService } from './subscriptions/builder-service.js';
import { subscriptionReconciler } from './subscriptions/subscription-reconciler.js';
import { SubscriptionService } from './subscriptions/subscription-service.js';
import { createWebhookHandler } from './webhooks/webhook-handler.js';
import { WebhookIds } from './webhooks/webhook-ids.js';
import { isWebhookPath } from './webhooks/webhook-path.js';
import { StoreWorkflowUsage } from './workflows/store-workflow-usage.js';
import { TriggerService } from './workflows/trigger-service.js';
import { WorkflowService } from './workflows/workflow-service.js';
import { WorkspaceService } from './workspaces/workspace-service.js';

export interface StartServerOptions {
  readonly config: Config;
  readonly clock?: Clock;
  /** Defaults to every integration Tripline ships. */
  readonly integrations?: readonly Integration[];
  /** Defaults to a pino logger at `config.logLevel` on stdout. */
  readonly logger?: PinoLogger;
}

export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:5001`. */
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly logger: PinoLogger;
  readonly app: FastifyInstance;
  /** The owner's token when this start created the first workspace and generated it. */
  readonly generatedBootstrapToken: string | undefined;
  close(): Promise<void>;
}

/**
 * The composition root: the one place that picks adapters and wires the parts. Opens and migrates
 * the store, bootstraps the first workspace, and serves the API and the webhook ingress on one
 * port, the ingress in front of the router so its hot path skips it.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger =
    options.logger ??
    pino({ level: config.logLevel, redact: { paths: [...LOG_REDACT_PATHS], censor: '[redacted]' } });

  const store = openStore({ databaseUrl: config.databaseUrl, logger });
  const applied = await store.migrate();
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

  const secretKey = loadSecretKey({ configured: config.secretKey, dataDir: config.dataDir });
  const secretBox = new SecretBox(secretKey);
  const webhookIds = new WebhookIds(secretKey);
  const catalog = new IntegrationCatalog(options.integrations ?? builtInIntegrations);
  // With Redis, queues and signals are shared by every process (scale-out); without, they stay in this one.
  const signals = config.redisUrl
    ? new RedisSignals({
        url: config.redisUrl,
        prefix: config.env.TRIPLINE_REDIS_PREFIX || 'tripline',
        logger,
      })
    : undefined;
  await signals?.connect();
  const events = signals ? new RedisInternalEvents(signals) : new InternalEvents();
  const metrics = createMetrics();

  const workspaces = new WorkspaceService({ store, clock, bootstrapToken: config.bootstrapToken });
  const bootstrap = await workspaces.bootstrap();
  // One context per integration for its outbound calls, shared so its caches are.
  const integrationContexts = new IntegrationContexts({ logger, clock, env: config.env });
  const services = { store, catalog, secretBox, events, clock, config, logger, integrationContexts };
  const builders = new BuilderService(services);
  const subscriptions = new SubscriptionService({
    ...services,
    workflowUsage: new StoreWorkflowUsage({ store }),
  });
  const requestLogs = new RequestLogService(services);
  const oauthClients = new OAuthClientService(services);
  const oauthAuthorizer = new OAuthAuthorizer({ ...services, clients: oauthClients });
  const oauthCallbacks = new OAuthCallbackHandler({ ...services, clients: oauthClients });
  const oauthConfirmer = new OAuthConfirmer({ ...services, clients: oauthClients });

  // Events become runs after the ack: the dispatcher reads the durable inbox, the queue runs them.
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
    handler: announceRunFinished(processor.handle, events),
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
  const dispatcherOptions = {
    store,
    catalog,
    queue,
    events,
    clock,
    logger,
    listeners: listenersForDispatch(listeners),
  };
  // Shared listeners are reserved before a batch is planned, so two processes never capture one.
  const dispatcher = signals
    ? new ReservingDispatcher({ ...dispatcherOptions, registry })
    : new Dispatcher(dispatcherOptions);
  const workflows = new WorkflowService({ store, catalog, clock, logger });
  const triggers = new TriggerService({ store, clock });
  const scheduler = new Scheduler({ store, queue, clock, logger });
  const runs = new RunService({ store, queue, clock, logger });

  const resolver = new EndpointResolver({ store, catalog, secretBox, clock, logger, events });
  const ingress = createIngressHandler({
    resolver,
    catalog,
    writer: store.deliveries,
    limits: config.ingress,
    clock,
    logger,
    metrics,
    events,
  });
  const webhooks = createWebhookHandler({
    store,
    queue,
    listeners,
    webhookIds,
    clock,
    logger,
    maxBodyBytes: config.ingress.maxBodyBytes,
    rateLimit: { ratePerSecond: config.ingress.endpointRatePerSecond, burst: config.ingress.endpointBurst },
  });

  let httpServer: Server | undefined;
  const app = await createApi({
    config,
    store,
    catalog,
    metrics,
    clock,
    workspaces,
    logger,
    routes: [
      (api) => subscriptionBuilderRoutes(api, { builders }),
      (api) => subscriptionRoutes(api, { subscriptions }),
      (api) => requestLogRoutes(api, { requestLogs }),
      (api) => workflowRoutes(api, { workflows }),
      (api) => workflowTriggerRoutes(api, { triggers }),
      (api) => runRoutes(api, { runs }),
      (api) => listenerRoutes(api, { listeners }),
      (api) => webhookTriggerRoutes(api, { store, webhookIds, triggerUrl: config.triggerUrl }),
      (api) => schedulePreviewRoutes(api, { clock }),
      (api) => oauthClientRoutes(api, { clients: oauthClients }),
      (api) => oauthRoutes(api, { authorizer: oauthAuthorizer, confirmer: oauthConfirmer, builders }),
    ],
    publicRoutes: [
      (root) => consoleRoutes(root, { dir: consoleDir(config.env) }),
      (root) => oauthCallbackRoutes(root, { callbacks: oauthCallbacks }),
    ],
    serverFactory: (router) => {
      httpServer = createServer((req, res) =>
        isIngressPath(req.url)
          ? ingress(req, res)
          : isWebhookPath(req.url)
            ? webhooks(req, res)
            : router(req, res),
      );
      return httpServer;
    },
  });

  const jobs = [
    builderCleanup({ store, clock, logger }),
    logRetention({ store, clock, logger, config, intervalMs: 60_000 }),
    oauthStateCleanup({ store, clock, logger }),
    // Refreshing tokens is the scheduler's: one refresh per credential, not one per process.
    ...(config.roles.has('scheduler') ? [credentialRefresher({ ...services, clients: oauthClients })] : []),
    // Automatic subscriptions' external webhooks are checked (and re-created) by the scheduler too.
    ...(config.roles.has('scheduler') ? [subscriptionReconciler(services)] : []),
    // Old finished runs are pruned by the scheduler as well: one pass, not one per process.
    ...(config.roles.has('scheduler') ? [runRetention({ store, clock, logger, config })] : []),
  ];
  await app.listen({ host: config.host, port: config.port });
  for (const job of jobs) job.start();
  listeners.start();
  // A process without the worker role only stores deliveries: another process (or a restart) dispatches them.
  if (config.roles.has('worker')) {
    await queue.start();
    dispatcher.start();
  }
  if (config.roles.has('scheduler')) scheduler.start();

  const address = httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  if (isLocalUrl(config.triggerUrl)) {
    logger.warn(
      { triggerUrl: config.triggerUrl },
      'TRIGGER_URL is a local address: external systems such as GitHub cannot reach it; set TRIGGER_URL to a public URL (README: "Exposing TRIGGER_URL")',
    );
  }
  if (bootstrap.created) {
    logger.info({ workspaceId: bootstrap.workspace.id }, 'created the first workspace "Default"');
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    store,
    logger,
    app,
    generatedBootstrapToken: bootstrap.created ? bootstrap.generatedToken : undefined,
    close: () => {
      closing ??= (async () => {
        for (const job of jobs) job.stop();
        await app.close();
        await scheduler.stop();
        await dispatcher.stop();
        listeners.stop();
        await queue.stop();
        await sandbox.close();
        await store.close();
        if (registry instanceof RedisListenerRegistry) registry.close();
        if (events instanceof RedisInternalEvents) events.close();
        await signals?.close();
      })();
      return closing;
    },
  };
}
