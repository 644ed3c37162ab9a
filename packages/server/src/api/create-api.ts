import type { Clock } from '@tripline/sdk';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, type FastifyServerFactory } from 'fastify';
import type { Config } from '../config/config.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { Metrics } from '../observability/metrics.js';
import type { Store } from '../store/store.js';
import type { WorkspaceService } from '../workspaces/workspace-service.js';
import { authenticate } from './authenticate.js';
import { handleError, handleNotFound } from './error-handler.js';
import { LOG_REDACTION, serializeRequest } from './log-redaction.js';
import { registerOpenApi, registerOpenApiRoutes } from './openapi.js';
import { healthRoutes } from './routes/health-routes.js';
import { integrationRoutes } from './routes/integration-routes.js';
import { workspaceRoutes } from './routes/workspace-routes.js';
import { validatorFactory } from './validator-compiler.js';

export const API_PREFIX = '/api/v1';
/** Management requests are small JSON documents; webhook ingress sets its own, larger limit per route. */
export const API_BODY_LIMIT = 1024 * 1024;
export { LOG_REDACT_PATHS, LOG_REDACTION } from './log-redaction.js';

/**
 * A group of /api/v1 routes with its dependencies bound, e.g.
 * `(app) => subscriptionRoutes(app, { subscriptions })`. It runs in its own encapsulated context
 * under the prefix, after authentication: `principalOf(request)` is set. Handlers that want typed
 * schemas use `app.withTypeProvider<TypeBoxTypeProvider>()`.
 */
export type ApiRoutePlugin = (app: FastifyInstance) => Promise<void>;

export interface ApiOptions {
  readonly config: Pick<Config, 'logLevel'>;
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly metrics: Metrics;
  readonly clock: Clock;
  readonly workspaces: WorkspaceService;
  /** More /api/v1 route groups (subscriptions, builders, request logs, workflows...). */
  readonly routes?: readonly ApiRoutePlugin[];
  /** Route groups at the root, without authentication (e.g. GET /oauth/callback). */
  readonly publicRoutes?: readonly ApiRoutePlugin[];
  /**
   * A pino logger the process already uses (it should redact with {@link LOG_REDACTION}); omitted,
   * the API makes its own at `config.logLevel`.
   */
  readonly logger?: FastifyBaseLogger;
  /** Shown in the OpenAPI document. */
  readonly version?: string;
  /**
   * Builds the node:http server Fastify runs on; the composition root uses it to put the webhook
   * ingress in front of the router.
   */
  readonly serverFactory?: FastifyServerFactory;
  /** How long /readyz waits for the database; default 2 s. */
  readonly readyTimeoutMs?: number;
}

/**
 * Builds the HTTP application: the management API under /api/v1 (bearer tokens), its OpenAPI
 * document at /openapi.json and UI at /docs, /healthz, /readyz and /metrics. Errors everywhere
 * answer `{error: {code, message}}`. Not yet listening: the caller may add routes (e.g. the
 * ingress), then `listen`.
 */
export async function createApi(options: ApiOptions): Promise<FastifyInstance> {
  // Request lines show the URL through serializeRequest (no OAuth code or state in the log).
  const serializers = { req: serializeRequest };
  const app = Fastify({
    ...(options.logger
      ? { loggerInstance: options.logger.child({}, { serializers }) }
      : { logger: { level: options.config.logLevel, redact: LOG_REDACTION, serializers } }),
    bodyLimit: API_BODY_LIMIT,
    ...(options.serverFactory ? { serverFactory: options.serverFactory } : {}),
    schemaController: { compilersFactory: { buildValidator: validatorFactory() } },
  });

  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  await registerOpenApi(app, { version: options.version ?? '0.1.0' });
  await registerOpenApiRoutes(app);
  await app.register(healthRoutes, {
    store: options.store,
    metrics: options.metrics,
    readyTimeoutMs: options.readyTimeoutMs ?? 2000,
  });
  await app.register(
    async (api) => {
      api.addHook('onRequest', authenticate({ store: options.store, clock: options.clock }));
      await api.register(workspaceRoutes, { workspaces: options.workspaces });
      await api.register(integrationRoutes, { catalog: options.catalog });
      for (const routes of options.routes ?? []) await api.register(routes);
    },
    { prefix: API_PREFIX },
  );
  for (const routes of options.publicRoutes ?? []) await app.register(routes);
  return app;
}
