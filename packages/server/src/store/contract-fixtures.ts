import { createHash, randomUUID } from 'node:crypto';
import { newTimeOrderedId } from '../domain/ids.js';
import type { BuilderRecord, NewRequestLog, SubscriptionRecord } from './records.js';
import type { Store } from './store.js';

/** Fixtures of the store contract suite: records with every field set, overridable. */

export const T0 = new Date('2025-03-01T12:00:00.000Z');

export function minutesAfter(base: Date, minutes: number): Date {
  return new Date(base.getTime() + minutes * 60_000);
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface SeededWorkspace {
  readonly workspaceId: string;
  readonly ownerId: string;
  readonly tokenId: string;
  readonly tokenHash: string;
}

export async function seedWorkspace(store: Store, name = 'Acme'): Promise<SeededWorkspace> {
  const seeded = {
    workspaceId: randomUUID(),
    ownerId: randomUUID(),
    tokenId: randomUUID(),
    tokenHash: hashToken(randomUUID()),
  };
  await store.workspaces.createWithOwner({
    workspace: { id: seeded.workspaceId, name },
    owner: { id: seeded.ownerId, name: 'Ada' },
    token: { id: seeded.tokenId, hash: seeded.tokenHash, label: 'first token' },
    now: T0,
  });
  return seeded;
}

export function builderRecord(workspaceId: string, overrides: Partial<BuilderRecord> = {}): BuilderRecord {
  return {
    id: randomUUID(),
    workspaceId,
    integration: 'github',
    method: 'manual',
    name: null,
    parameters: { events: ['push', 'issues'] },
    properties: { webhook_secret: 'sealed:abc' },
    credentials: null,
    credentialId: null,
    createdBy: 'member-1',
    createdAt: T0,
    expiresAt: minutesAfter(T0, 10),
    buildStartedAt: null,
    ...overrides,
  };
}

export function subscriptionFrom(builder: BuilderRecord, name: string): SubscriptionRecord {
  return {
    id: builder.id,
    workspaceId: builder.workspaceId,
    integration: builder.integration,
    name,
    method: builder.method,
    parameters: builder.parameters,
    properties: builder.properties,
    credentials: 'sealed:credentials',
    credentialId: builder.credentialId,
    status: 'active',
    statusReason: null,
    expiresAt: null,
    nextCheckAt: null,
    checkFailures: 0,
    lastCheckedAt: null,
    createdBy: builder.createdBy,
    createdAt: T0,
    updatedAt: T0,
  };
}

/** Inserts a builder and builds it; the usual way a subscription comes to be. */
export async function createSubscription(
  store: Store,
  workspaceId: string,
  name: string,
  overrides: Partial<BuilderRecord> = {},
): Promise<SubscriptionRecord> {
  const builder = builderRecord(workspaceId, overrides);
  await store.builders.insert(builder);
  return store.subscriptions.createFromBuilder({
    builderId: builder.id,
    subscription: subscriptionFrom(builder, name),
    limit: 10,
  });
}

export function newLog(
  endpoint: { readonly id: string; readonly workspaceId: string },
  overrides: Partial<NewRequestLog> = {},
): NewRequestLog {
  const receivedAt = overrides.receivedAt ?? T0;
  return {
    id: newTimeOrderedId(),
    endpointId: endpoint.id,
    workspaceId: endpoint.workspaceId,
    integration: 'github',
    receivedAt,
    method: 'POST',
    path: `/triggers/plugin/${endpoint.id}`,
    headers: { 'content-type': 'application/json', 'x-github-event': 'push' },
    body: new TextEncoder().encode('{"ref":"refs/heads/main"}'),
    responseStatus: 202,
    responseHeaders: { 'content-type': 'application/json' },
    responseBody: '{"ok":true}',
    deliveryId: randomUUID(),
    events: [{ name: 'push' }],
    outcome: 'accepted',
    reason: null,
    dispatchState: 'pending',
    replayOf: null,
    ...overrides,
  };
}

/**
 * Every migration, in the order both dialects apply them: a new one is added here once, and the
 * store contract and both adapters' tests expect it.
 */
export const ALL_MIGRATIONS = [
  '000001-initial',
  '000002-workflows',
  '000003-schedule-fires',
  '000004-automatic-subscriptions',
  '000005-oauth-confirmations',
  '000006-runs-by-workspace',
  '000007-builder-build-started',
  '000008-schedule-fires-by-time',
] as const;
