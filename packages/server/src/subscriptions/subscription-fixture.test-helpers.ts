import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineIntegration, fixedClock, type Logger } from '@tripline/sdk';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import type { HttpError } from '../domain/errors.js';
import { newId, newTimeOrderedId } from '../domain/ids.js';
import { type InternalEventMap, InternalEvents } from '../domain/internal-events.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { openStore } from '../store/open-store.js';
import type { CredentialRecord, CredentialStatus, NewRequestLog, Principal } from '../store/records.js';
import type { Store } from '../store/store.js';
import { FakeHookHost, hookHubIntegration } from './hook-hub.test-helpers.js';
import type { SubscriptionServicesOptions } from './subscription-services-options.js';

/** A manual integration shaped like GitHub's: a generated `webhook_secret` and an optional select. */
export const hooksIntegration = defineIntegration({
  id: 'hooks',
  name: 'Hooks',
  description: 'Manual webhooks for tests.',
  icon: 'data:image/svg+xml,<svg/>',
  subscription: {
    methods: ['manual'],
    properties: [
      { name: 'webhook_secret', label: 'Webhook secret', type: 'secret', required: true },
      {
        name: 'content_type',
        label: 'Content type',
        type: 'select',
        default: 'json',
        options: [
          { value: 'json', label: 'JSON' },
          { value: 'form', label: 'Form' },
        ],
      },
      { name: 'note', label: 'Note', type: 'string' },
    ],
  },
  events: [{ name: 'push', label: 'Push', description: 'A push.', parameters: [], outputSchema: {} }],
  verify: () => ({ ok: true }),
  parse: () => ({ ok: true, events: [], response: { status: 200 } }),
  prepareManualProperties: ({ properties, randomSecret }) =>
    properties.webhook_secret ? properties : { ...properties, webhook_secret: randomSecret() },
});

/** A manual integration with a required property nothing fills in by itself. */
export const strictIntegration = defineIntegration({
  id: 'strict',
  name: 'Strict',
  description: 'A required region.',
  icon: 'data:image/svg+xml,<svg/>',
  subscription: {
    methods: ['manual'],
    properties: [{ name: 'region', label: 'Region', type: 'string', required: true }],
  },
  events: [{ name: 'ping', label: 'Ping', description: 'A ping.', parameters: [], outputSchema: {} }],
  verify: () => ({ ok: true }),
  parse: () => ({ ok: true, events: [], response: { status: 200 } }),
});

/** An automatic (api-key) integration. */
export const automaticIntegration = defineIntegration({
  id: 'auto',
  name: 'Auto',
  description: 'Creates webhooks by API.',
  icon: 'data:image/svg+xml,<svg/>',
  subscription: {
    methods: ['api-key'],
    constructorParameters: [{ name: 'repository', label: 'Repository', type: 'string', required: true }],
    credentials: [{ name: 'access_token', label: 'Access token', type: 'secret', required: true }],
  },
  events: [{ name: 'ping', label: 'Ping', description: 'A ping.', parameters: [], outputSchema: {} }],
  verify: () => ({ ok: true }),
  parse: () => ({ ok: true, events: [], response: { status: 200 } }),
  subscribe: async () => ({ properties: { hook_id: '1' } }),
  unsubscribe: async () => {},
});

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export interface SubscriptionFixture {
  readonly store: Store;
  readonly dbFile: string;
  readonly clock: ReturnType<typeof fixedClock>;
  readonly events: InternalEvents;
  readonly emitted: { name: keyof InternalEventMap; payload: unknown }[];
  readonly options: SubscriptionServicesOptions;
  /** The fake external system behind the `hookhub` integration; reset with the fixture. */
  readonly host: FakeHookHost;
  /** Owners of two workspaces, new ones after each {@link SubscriptionFixture.reset}. */
  alice: Principal;
  bob: Principal;
  /** Fresh workspaces, clock and recorded events for the next test; the database is shared. */
  reset(): Promise<void>;
  /** Stores a request log at an endpoint of alice's workspace; defaults make an accepted push. */
  writeLog(endpointId: string, overrides?: Partial<NewRequestLog>): Promise<string>;
  /** Saves an OAuth credential of `hookhub` for the principal's workspace, as authorizing would. */
  saveCredential(
    principal: Principal,
    options?: { readonly token?: string; readonly status?: CredentialStatus; readonly reason?: string },
  ): Promise<CredentialRecord>;
  close(): Promise<void>;
}

export async function openSubscriptionFixture(): Promise<SubscriptionFixture> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tripline-subscriptions-'));
  const dbFile = path.join(dir, 'tripline.db');
  const store = openStore({ databaseUrl: `sqlite:${dbFile}` });
  await store.migrate();
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));
  const events = new InternalEvents();
  const emitted: SubscriptionFixture['emitted'] = [];
  events.on('endpoint.changed', (payload) => emitted.push({ name: 'endpoint.changed', payload }));
  events.on('deliveries.stored', (payload) => emitted.push({ name: 'deliveries.stored', payload }));
  const owner = async (name: string): Promise<Principal> => {
    const { workspace, owner } = await store.workspaces.createWithOwner({
      workspace: { id: newId(), name },
      owner: { id: newId(), name: `${name} owner` },
      token: { id: newId(), hash: randomBytes(32).toString('hex'), label: 'test' },
      now: new Date(clock.now()),
    });
    return { tokenId: 'test', memberId: owner.id, workspaceId: workspace.id, role: 'owner' };
  };
  const start = Date.parse('2026-03-01T12:00:00Z');
  const host = new FakeHookHost();
  const secretBox = new SecretBox(randomBytes(32));
  const fixture: SubscriptionFixture = {
    store,
    dbFile,
    clock,
    events,
    emitted,
    alice: await owner('Alice'),
    bob: await owner('Bob'),
    host,
    async reset() {
      clock.set(start);
      emitted.length = 0;
      host.reset();
      fixture.alice = await owner('Alice');
      fixture.bob = await owner('Bob');
    },
    options: {
      store,
      catalog: new IntegrationCatalog([
        hooksIntegration,
        strictIntegration,
        automaticIntegration,
        hookHubIntegration(host),
      ]),
      secretBox,
      events,
      clock,
      config: { triggerUrl: 'https://triggers.example.com', allowLocalCallbacks: false, env: {} },
      logger: silentLogger,
      // No jitter: backoff waits are exact.
      random: () => 0.5,
    },
    async saveCredential(principal, options = {}) {
      const now = new Date(clock.now());
      const record: CredentialRecord = {
        id: newId(),
        workspaceId: principal.workspaceId,
        integration: 'hookhub',
        method: 'oauth',
        credentials: secretBox.seal(JSON.stringify({ access_token: options.token ?? 'good-token' })),
        expiresAt: null,
        clientSource: 'workspace',
        status: options.status ?? 'active',
        statusReason: options.reason ?? null,
        createdBy: principal.memberId,
        createdAt: now,
        updatedAt: now,
        refreshFailures: 0,
        nextRefreshAt: null,
      };
      await store.credentials.insert(record);
      return record;
    },
    async writeLog(endpointId, overrides = {}) {
      clock.advance(1000);
      const log: NewRequestLog = {
        id: newTimeOrderedId(clock.now()),
        endpointId,
        workspaceId: fixture.alice.workspaceId,
        integration: 'hooks',
        receivedAt: new Date(clock.now()),
        method: 'POST',
        path: `/triggers/plugin/${endpointId}`,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': '[redacted]' },
        body: new TextEncoder().encode('{"ref":"refs/heads/main"}'),
        responseStatus: 200,
        responseHeaders: { 'content-type': 'application/json' },
        responseBody: '{"ok":true}',
        deliveryId: newId(),
        events: [{ name: 'push' }],
        outcome: 'accepted',
        reason: null,
        dispatchState: 'pending',
        replayOf: null,
        ...overrides,
      };
      const receipt = await store.deliveries.write(log);
      return receipt.id;
    },
    async close() {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}

/**
 * Opens one fixture for the enclosing `describe`: its tests share the database and each starts
 * with fresh workspaces, clock and recorded events. `opened` runs once, to build the services
 * under test from the fixture; the fixture is closed after the last test.
 */
export function useSubscriptionFixture(opened: (fixture: SubscriptionFixture) => void): void {
  let fixture: SubscriptionFixture | undefined;
  beforeAll(async () => {
    fixture = await openSubscriptionFixture();
    opened(fixture);
  });
  beforeEach(async () => {
    await fixture?.reset();
  });
  afterAll(async () => {
    await fixture?.close();
  });
}

/** What a call threw, to check its status, code and message together; fails the test when it did not throw. */
export async function failure<E = HttpError>(promise: Promise<unknown>): Promise<E> {
  try {
    await promise;
  } catch (error) {
    return error as E;
  }
  throw new Error('expected the call to fail');
}
