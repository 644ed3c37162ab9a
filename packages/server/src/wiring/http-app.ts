import { createServer, type Server } from 'node:http';
import type { Clock } from '@tripline/sdk';
import type { FastifyInstance } from 'fastify';
import type { Logger as PinoLogger } from 'pino';
import { createApi } from '../api/create-api.js';
import { listenerRoutes } from '../api/routes/listener-routes.js';
import { oauthClientRoutes } from '../api/routes/oauth-client-routes.js';
import { oauthCallbackRoutes, oauthRoutes } from '../api/routes/oauth-routes.js';
import { requestLogRoutes } from '../api/routes/request-log-routes.js';
import { runRoutes } from '../api/routes/run-routes.js';
import { schedulePreviewRoutes } from '../api/routes/schedule-preview-routes.js';
import { subscriptionBuilderRoutes } from '../api/routes/subscription-builder-routes.js';
import { subscriptionRoutes } from '../api/routes/subscription-routes.js';
import { webhookTriggerRoutes } from '../api/routes/webhook-trigger-routes.js';
import { workflowRoutes } from '../api/routes/workflow-routes.js';
import { workflowTriggerRoutes } from '../api/routes/workflow-trigger-routes.js';
import type { Config } from '../config/config.js';
import { consoleDir } from '../console/console-files.js';
import { consoleRoutes } from '../console/console-routes.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { InternalEvents } from '../domain/internal-events.js';
import { EndpointResolver } from '../ingress/endpoint-resolver.js';
import { createIngressHandler } from '../ingress/ingress-handler.js';
import { isIngressPath } from '../ingress/ingress-path.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { Metrics } from '../observability/metrics.js';
import { RunService } from '../runs/run-service.js';
import type { Store } from '../store/store.js';
import { createWebhookHandler } from '../webhooks/webhook-handler.js';
import type { WebhookIds } from '../webhooks/webhook-ids.js';
import { isWebhookPath } from '../webhooks/webhook-path.js';
import { TriggerService } from '../workflows/trigger-service.js';
import { WorkflowService } from '../workflows/workflow-service.js';
import type { WorkspaceService } from '../workspaces/workspace-service.js';
import type { RunEngine } from './run-engine.js';
import type { SubscriptionServices } from './subscription-services.js';

/** The HTTP application, not yet listening, and the node:http server it will listen on. */
export interface HttpApp {
  readonly app: FastifyInstance;
  /** The port it listens on, once listening. */
  listeningPort(): number | undefined;
}

/**
 * Builds the one HTTP server of the process: the management API and console behind the router,
 * the webhook ingress and the workflow webhook triggers in front of it so their hot path skips it.
 */
export async function createHttpApp(input: {
  readonly config: Config;
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly secretBox: SecretBox;
  readonly events: InternalEvents;
  readonly webhookIds: WebhookIds;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly logger: PinoLogger;
  readonly workspaces: WorkspaceService;
  readonly subscriptionServices: SubscriptionServices;
  readonly engine: Pick<RunEngine, 'queue' | 'listeners'>;
}): Promise<HttpApp> {
  const { config, store, catalog, secretBox, events, webhookIds, metrics, clock, logger } = input;
  const {
    builders,
    subscriptions,
    requestLogs,
    oauthClients,
    oauthAuthorizer,
    oauthCallbacks,
    oauthConfirmer,
  } = input.subscriptionServices;
  const { queue, listeners } = input.engine;
  const workflows = new WorkflowService({ store, catalog, clock, logger });
  const triggers = new TriggerService({ store, clock });
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
    workspaces: input.workspaces,
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
  return {
    app,
    listeningPort() {
      const address = httpServer?.address();
      return typeof address === 'object' && address ? address.port : undefined;
    },
  };
}
