import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Clock, defineIntegration, fixedClock, type Integration } from '@tripline/sdk';
import type { FastifyInstance } from 'fastify';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { createMetrics } from '../observability/metrics.js';
import { openStore } from '../store/open-store.js';
import type { Store } from '../store/store.js';
import { WorkspaceService } from '../workspaces/workspace-service.js';
import { type ApiRoutePlugin, createApi } from './create-api.js';

export const OWNER_TOKEN = 'tl_test-owner-token-0123456789';

/** A small integration with every kind of field, standing in for real ones. */
export const echoIntegration: Integration = defineIntegration({
  id: 'echo',
  name: 'Echo',
  description: 'Accepts anything.',
  icon: 'data:image/svg+xml,<svg/>',
  subscription: {
    methods: ['manual', 'api-key'],
    properties: [{ name: 'webhook_secret', label: 'Webhook secret', type: 'secret' }],
    constructorParameters: [
      {
        name: 'events',
        label: 'Events',
        type: 'multi-select',
        required: true,
        default: ['message'],
        options: [{ value: 'message', label: 'Message' }],
      },
    ],
    credentials: [{ name: 'access_token', label: 'Access token', type: 'secret', required: true }],
  },
  events: [
    {
      name: 'message',
      label: 'Message',
      description: 'Any request.',
      parameters: [
        {
          name: 'actions',
          label: 'Actions',
          type: 'multi-select',
          options: [{ value: 'sent', label: 'sent' }],
        },
      ],
      outputSchema: { type: 'object', properties: { text: { type: 'string', description: 'The text.' } } },
    },
    {
      name: 'ping',
      label: 'Ping',
      description: 'A test request.',
      parameters: [],
      outputSchema: { type: 'object' },
    },
  ],
  verify: () => ({ ok: true }),
  parse: () => ({ ok: true, events: [], response: { status: 200 } }),
  subscribe: async () => ({ properties: {} }),
  unsubscribe: async () => {},
});

export interface TestApi {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly workspaces: WorkspaceService;
  readonly clock: Clock;
  close(): Promise<void>;
}

/**
 * The API over a real SQLite store in a temporary directory, bootstrapped with {@link OWNER_TOKEN}.
 * `store` may wrap the real one (e.g. to make `ping` fail).
 */
export async function startTestApi(
  options: {
    readonly routes?: readonly ApiRoutePlugin[];
    readonly publicRoutes?: readonly ApiRoutePlugin[];
    readonly wrapStore?: (store: Store) => Store;
    readonly integrations?: readonly Integration[];
  } = {},
): Promise<TestApi> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tripline-api-'));
  const realStore = await openStore({ databaseUrl: `sqlite:${path.join(dir, 'tripline.db')}` });
  await realStore.migrate();
  const store = options.wrapStore ? options.wrapStore(realStore) : realStore;
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));
  const workspaces = new WorkspaceService({ store, clock, bootstrapToken: OWNER_TOKEN });
  await workspaces.bootstrap();
  const app = await createApi({
    config: { logLevel: 'silent' },
    store,
    catalog: new IntegrationCatalog(options.integrations ?? [echoIntegration]),
    metrics: createMetrics({ collectDefaults: false }),
    clock,
    workspaces,
    routes: options.routes ?? [],
    publicRoutes: options.publicRoutes ?? [],
  });
  await app.ready();
  return {
    app,
    store,
    workspaces,
    clock,
    close: async () => {
      await app.close();
      await realStore.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
