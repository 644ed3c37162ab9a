import { randomBytes } from 'node:crypto';
import { fixedClock } from '@tripline/sdk';
import { SecretBox } from '../../crypto/secret-box.js';
import { InternalEvents } from '../../domain/internal-events.js';
import { IntegrationCatalog } from '../../integrations/integration-catalog.js';
import { RequestLogService } from '../../request-logs/request-log-service.js';
import type { Principal } from '../../store/records.js';
import type { Store } from '../../store/store.js';
import { BuilderService } from '../../subscriptions/builder-service.js';
import { FakeHookHost, hookHubIntegration } from '../../subscriptions/hook-hub.test-helpers.js';
import {
  automaticIntegration,
  hooksIntegration,
  silentLogger,
} from '../../subscriptions/subscription-fixture.test-helpers.js';
import { SubscriptionService } from '../../subscriptions/subscription-service.js';
import { OWNER_TOKEN, startTestApi, type TestApi } from '../test-api.test-helpers.js';
import { requestLogRoutes } from './request-log-routes.js';
import { subscriptionBuilderRoutes } from './subscription-builder-routes.js';
import { subscriptionRoutes } from './subscription-routes.js';
import { ownerViewerAndStranger, type WorkspaceTokens } from './workspace-tokens.test-helpers.js';

export interface ErrorAnswer {
  readonly error: { readonly code: string; readonly message: string };
}

export interface SubscriptionApi {
  readonly api: TestApi;
  readonly owner: Principal;
  /** The fake external system behind the `hookhub` integration (api-key and oauth). */
  readonly host: FakeHookHost;
  readonly tokens: WorkspaceTokens;
  /** `T` is the body the test expects; errors come as {@link ErrorAnswer}. */
  request<T = ErrorAnswer>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options?: { readonly token?: string; readonly body?: unknown },
  ): Promise<{ status: number; body: T }>;
}

/** The real API with the subscription, builder and request-log routes over a real SQLite store. */
export async function startSubscriptionApi(): Promise<SubscriptionApi> {
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));
  const host = new FakeHookHost();
  const integrations = [hooksIntegration, automaticIntegration, hookHubIntegration(host)];
  let services: {
    builders: BuilderService;
    subscriptions: SubscriptionService;
    requestLogs: RequestLogService;
  };
  const makeServices = (store: Store) => {
    const options = {
      store,
      catalog: new IntegrationCatalog(integrations),
      secretBox: new SecretBox(randomBytes(32)),
      events: new InternalEvents(),
      clock,
      config: { triggerUrl: 'https://triggers.example.com', allowLocalCallbacks: false, env: {} },
      logger: silentLogger,
    };
    services = {
      builders: new BuilderService(options),
      subscriptions: new SubscriptionService(options),
      requestLogs: new RequestLogService(options),
    };
  };
  const api = await startTestApi({
    integrations,
    wrapStore: (store) => {
      makeServices(store);
      return store;
    },
    routes: [
      (app) => subscriptionBuilderRoutes(app, { builders: services.builders }),
      (app) => subscriptionRoutes(app, { subscriptions: services.subscriptions }),
      (app) => requestLogRoutes(app, { requestLogs: services.requestLogs }),
    ],
  });
  const { owner, tokens } = await ownerViewerAndStranger(api);
  return {
    api,
    owner,
    host,
    tokens,
    async request<T>(
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      options: { readonly token?: string; readonly body?: unknown } = {},
    ) {
      const response = await api.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${options.token ?? OWNER_TOKEN}` },
        ...(options.body === undefined ? {} : { payload: options.body as object }),
      });
      return { status: response.statusCode, body: (response.body === '' ? undefined : response.json()) as T };
    },
  };
}
