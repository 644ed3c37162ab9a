import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { builtInIntegrations } from '@tripline/integrations';
import { type Logger, signGitHubBody, systemClock } from '@tripline/sdk';
import { seedGitHubSubscriptions } from '../bench/seed-subscriptions.js';
import type { IngressConfig } from '../config/config.js';
import { SecretBox } from '../crypto/secret-box.js';
import { InternalEvents } from '../domain/internal-events.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { createMetrics } from '../observability/metrics.js';
import { openStore } from '../store/open-store.js';
import type { RequestLogRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { EndpointResolver } from './endpoint-resolver.js';
import { listen } from './ingress.test-helpers.js';
import { createIngressHandler } from './ingress-handler.js';

export const GITHUB_SECRET = 'ingress test secret';
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface StoreHarness {
  readonly store: Store;
  readonly endpoint: { readonly id: string; readonly workspaceId: string };
  readonly expiredBuilderId: string;
  readonly ingressUrl: (endpointId: string) => string;
  /** Another server on the same store, e.g. with tighter limits. */
  listenWith(limits: Partial<IngressConfig>): Promise<{ readonly url: string; close(): Promise<void> }>;
  /** Every log of the subscription, newest first. */
  logs(): Promise<readonly RequestLogRecord[]>;
  close(): Promise<void>;
}

/** A real SQLite store in a temp dir, one manual GitHub subscription, and the ingress over HTTP. */
export async function startStoreHarness(limits: Partial<IngressConfig> = {}): Promise<StoreHarness> {
  const dir = mkdtempSync(path.join(tmpdir(), 'tripline-ingress-'));
  const store = openStore({ databaseUrl: `sqlite:${path.join(dir, 'tripline.db')}` });
  await store.migrate();
  const secretBox = new SecretBox(randomBytes(32));
  const now = new Date();
  const [endpoint] = await seedGitHubSubscriptions({
    store,
    secretBox,
    secret: GITHUB_SECRET,
    count: 1,
    now,
  });
  if (!endpoint) throw new Error('seeding made no subscription');
  const expiredBuilderId = randomUUID();
  await store.builders.insert({
    id: expiredBuilderId,
    workspaceId: endpoint.workspaceId,
    integration: 'github',
    method: 'manual',
    name: null,
    parameters: {},
    properties: { webhook_secret: secretBox.seal(GITHUB_SECRET) },
    credentials: null,
    credentialId: null,
    createdBy: 'seed',
    createdAt: new Date(now.getTime() - 2 * 60 * 60_000),
    expiresAt: new Date(now.getTime() - 60 * 60_000),
    buildStartedAt: null,
  });
  const catalog = new IntegrationCatalog(builtInIntegrations);
  const events = new InternalEvents();
  const resolver = new EndpointResolver({
    store,
    catalog,
    secretBox,
    clock: systemClock,
    logger: silent,
    events,
  });
  const servers: { close(): Promise<void> }[] = [];
  const listenWith = async (overrides: Partial<IngressConfig>) => {
    const handler = createIngressHandler({
      resolver,
      catalog,
      writer: store.deliveries,
      limits: {
        maxBodyBytes: 1024 * 1024,
        endpointRatePerSecond: 100_000,
        endpointBurst: 100_000,
        ...overrides,
      },
      clock: systemClock,
      logger: silent,
      metrics: createMetrics({ collectDefaults: false }),
      events,
    });
    const server = await listen(handler);
    servers.push(server);
    return server;
  };
  const main = await listenWith(limits);
  return {
    store,
    endpoint,
    expiredBuilderId,
    ingressUrl: (endpointId) => `${main.url}/triggers/plugin/${endpointId}`,
    listenWith,
    logs: async () => {
      const all: RequestLogRecord[] = [];
      for (;;) {
        const page = await store.requestLogs.list({
          workspaceId: endpoint.workspaceId,
          endpointId: endpoint.id,
          limit: 200,
          before: all.at(-1)?.id,
        });
        all.push(...page);
        if (page.length < 200) return all;
      }
    },
    close: async () => {
      for (const server of servers) await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A GitHub delivery as GitHub sends it. */
export function githubDelivery(
  event: string,
  payload: unknown,
  options: { readonly delivery?: string; readonly secret?: string } = {},
) {
  const body = JSON.stringify(payload);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/abc123',
      'x-github-event': event,
      'x-github-delivery': options.delivery ?? randomUUID(),
      'x-hub-signature-256': signGitHubBody(body, options.secret ?? GITHUB_SECRET),
    },
  };
}
