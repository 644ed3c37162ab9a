import { builtInIntegrations } from '@tripline/integrations';
import { type Clock, type Integration, systemClock } from '@tripline/sdk';
import type { FastifyInstance } from 'fastify';
import { type Logger as PinoLogger, pino } from 'pino';
import { LOG_REDACT_PATHS } from './api/create-api.js';
import { type Config, isLocalUrl } from './config/config.js';
import { SecretBox } from './crypto/secret-box.js';
import { loadSecretKey } from './crypto/secret-key.js';
import { IntegrationContexts } from './external/integration-contexts.js';
import { IntegrationCatalog } from './integrations/integration-catalog.js';
import { createMetrics } from './observability/metrics.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';
import { WebhookIds } from './webhooks/webhook-ids.js';
import { backgroundJobs } from './wiring/background-jobs.js';
import { createHttpApp } from './wiring/http-app.js';
import { createRunEngine } from './wiring/run-engine.js';
import { connectSharedSignals } from './wiring/shared-signals.js';
import { createSubscriptionServices } from './wiring/subscription-services.js';
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
 * The composition root: the one place that picks adapters and wires the parts (with the wiring
 * functions in wiring/, one per part). Opens and migrates the store, bootstraps the first
 * workspace, and serves the API and the webhook ingress on one port, the ingress in front of the
 * router so its hot path skips it.
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger =
    options.logger ??
    pino({ level: config.logLevel, redact: { paths: [...LOG_REDACT_PATHS], censor: '[redacted]' } });

  const metrics = createMetrics();
  const store = openStore({
    databaseUrl: config.databaseUrl,
    logger,
    onDeliveryCommit: (rows) => metrics.deliveryBatchSize.observe(rows),
  });
  const applied = await store.migrate();
  if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');

  const secretKey = loadSecretKey({ configured: config.secretKey, dataDir: config.dataDir });
  const secretBox = new SecretBox(secretKey);
  const webhookIds = new WebhookIds(secretKey);
  const catalog = new IntegrationCatalog(options.integrations ?? builtInIntegrations);
  const shared = await connectSharedSignals({ config, logger });
  const { events } = shared;

  const workspaces = new WorkspaceService({ store, clock, bootstrapToken: config.bootstrapToken });
  const bootstrap = await workspaces.bootstrap();
  // One context per integration for its outbound calls, shared so its caches are.
  const integrationContexts = new IntegrationContexts({ logger, clock, env: config.env });
  const services = { store, catalog, secretBox, events, clock, config, logger, integrationContexts };
  const subscriptionServices = createSubscriptionServices(services);
  const engine = await createRunEngine({ ...services, signals: shared.signals, webhookIds });
  const { app, listeningPort } = await createHttpApp({
    ...services,
    webhookIds,
    metrics,
    workspaces,
    subscriptionServices,
    engine,
  });
  const jobs = backgroundJobs({ services, oauthClients: subscriptionServices.oauthClients });

  await app.listen({ host: config.host, port: config.port });
  for (const job of jobs) job.start();
  await engine.start();

  const port = listeningPort() ?? config.port;
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
        await engine.stop();
        await store.close();
        engine.disconnect();
        await shared.close();
      })();
      return closing;
    },
  };
}
