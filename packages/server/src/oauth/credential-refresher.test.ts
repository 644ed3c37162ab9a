import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock } from '@tripline/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import { newId } from '../domain/ids.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { openStore } from '../store/open-store.js';
import type { CredentialRecord, OAuthClientSource, Principal, SubscriptionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { silentLogger } from '../subscriptions/subscription-fixture.test-helpers.js';
import { type CredentialRefresherOptions, refreshExpiringCredentials } from './credential-refresher.js';
import {
  FAKE_TOKEN_LIFETIME_S,
  type FakeOAuthProvider,
  startFakeOAuthProvider,
} from './fake-oauth-provider.test-helpers.js';
import { OAuthClientService } from './oauth-client-service.js';
import { oauthyIntegration, PROVIDER_URL_ENV } from './oauth-test-integration.test-helpers.js';
import { reconnectSubscriptions } from './reconnect-subscriptions.js';

describe('credential refresher', () => {
  let dir: string;
  let store: Store;
  let provider: FakeOAuthProvider;
  let options: CredentialRefresherOptions;
  let owner: Principal;
  const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));
  const box = new SecretBox(randomBytes(32));

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'tripline-refresher-'));
    store = openStore({ databaseUrl: `sqlite:${path.join(dir, 'tripline.db')}` });
    await store.migrate();
    provider = await startFakeOAuthProvider();
    provider.registerApp('ws-app', 'ws-secret');
    provider.registerApp('sys-app', 'sys-secret');
    const catalog = new IntegrationCatalog([oauthyIntegration]);
    const config = {
      triggerUrl: 'https://triggers.example.com',
      env: {
        [PROVIDER_URL_ENV]: provider.url,
        TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'sys-app',
        TRIPLINE_OAUTH_OAUTHY_CLIENT_SECRET: 'sys-secret',
      },
    };
    const clients = new OAuthClientService({ store, catalog, secretBox: box, clock, config });
    // No jitter: backoff waits are exact.
    options = {
      store,
      catalog,
      secretBox: box,
      clients,
      clock,
      config,
      logger: silentLogger,
      random: () => 0.5,
    };
  });
  afterAll(async () => {
    await store.close();
    await provider.close();
    await rm(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    provider.refreshBehaviour = 'ok';
    const { workspace, owner: member } = await store.workspaces.createWithOwner({
      workspace: { id: newId(), name: 'Refresh' },
      owner: { id: newId(), name: 'Owner' },
      token: { id: newId(), hash: randomBytes(32).toString('hex'), label: 'test' },
      now: new Date(clock.now()),
    });
    owner = { tokenId: 'test', memberId: member.id, workspaceId: workspace.id, role: 'owner' };
    await options.clients.put(owner, 'oauthy', {
      client: { client_id: 'ws-app', client_secret: 'ws-secret' },
    });
  });

  /** A credential with tokens the provider really issued, expiring in `minutes`. */
  const credential = async (minutes: number | null, source: OAuthClientSource = 'workspace') => {
    const tokens = provider.grant(source === 'workspace' ? 'ws-app' : 'sys-app');
    const now = new Date(clock.now());
    const record: CredentialRecord = {
      id: newId(),
      workspaceId: owner.workspaceId,
      integration: 'oauthy',
      method: 'oauth',
      credentials: box.seal(JSON.stringify(tokens)),
      expiresAt: minutes === null ? null : new Date(clock.now() + minutes * 60_000),
      clientSource: source,
      status: 'active',
      statusReason: null,
      createdBy: owner.memberId,
      createdAt: now,
      updatedAt: now,
      refreshFailures: 0,
      nextRefreshAt: null,
    };
    await store.credentials.insert(record);
    return { record, tokens };
  };

  /** A subscription using the credential, made the way build makes one. */
  const subscription = async (credentialId: string, name: string) => {
    const now = new Date(clock.now());
    const id = newId();
    const common = {
      id,
      workspaceId: owner.workspaceId,
      integration: 'oauthy',
      method: 'oauth' as const,
      parameters: { repository: 'octo/repo' },
      properties: {},
      credentials: null,
      credentialId,
      createdBy: owner.memberId,
      createdAt: now,
    };
    await store.builders.insert({
      ...common,
      name,
      expiresAt: new Date(clock.now() + 60_000),
      buildStartedAt: null,
    });
    const record: SubscriptionRecord = {
      ...common,
      name,
      status: 'active',
      statusReason: null,
      expiresAt: null,
      nextCheckAt: null,
      checkFailures: 0,
      lastCheckedAt: null,
      updatedAt: now,
    };
    await store.subscriptions.createFromBuilder({ builderId: id, subscription: record, limit: 10 });
    return id;
  };

  const stored = async (id: string) => {
    const record = await store.credentials.get(owner.workspaceId, id);
    if (!record) throw new Error(`credential ${id} is gone`);
    return { record, tokens: JSON.parse(box.open(record.credentials)) as Record<string, string> };
  };

  it('refreshes a credential expiring within 10 minutes and stores the new tokens sealed', async () => {
    const { record, tokens } = await credential(5);
    const later = await credential(30);
    await refreshExpiringCredentials(options);
    const refreshed = await stored(record.id);
    expect(refreshed.record.status).toBe('active');
    expect(refreshed.tokens.access_token).toBe(provider.accessTokens.at(-1));
    expect(refreshed.tokens.access_token).not.toBe(tokens.access_token);
    expect(refreshed.tokens.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.record.credentials).not.toContain(refreshed.tokens.access_token);
    expect(refreshed.record.expiresAt?.getTime()).toBe(clock.now() + FAKE_TOKEN_LIFETIME_S * 1000);
    // Not due yet: left alone.
    expect((await stored(later.record.id)).tokens).toEqual(later.tokens);
  });

  it('uses the system client for credentials issued through it', async () => {
    const { record } = await credential(1, 'system');
    await refreshExpiringCredentials(options);
    expect(provider.tokenRequests.at(-1)).toMatchObject({ grantType: 'refresh_token', clientId: 'sys-app' });
    expect((await stored(record.id)).tokens.access_token).toBe(provider.accessTokens.at(-1));
  });

  it('a refused refresh marks the credential and its subscriptions unauthorized with the reason', async () => {
    const { record } = await credential(2);
    const first = await subscription(record.id, 'first');
    const second = await subscription(record.id, 'second');
    const other = await credential(null);
    const untouched = await subscription(other.record.id, 'other');
    provider.refreshBehaviour = 'invalid_grant';
    await refreshExpiringCredentials(options);
    const after = await stored(record.id);
    expect(after.record.status).toBe('unauthorized');
    expect(after.record.statusReason).toContain('invalid_grant');
    for (const id of [first, second]) {
      const sub = await store.subscriptions.get(owner.workspaceId, id);
      expect(sub?.status).toBe('unauthorized');
      expect(sub?.statusReason).toContain('invalid_grant');
    }
    expect((await store.subscriptions.get(owner.workspaceId, untouched))?.status).toBe('active');
    // Unauthorized credentials are not tried again.
    const requests = provider.tokenRequests.length;
    await refreshExpiringCredentials(options);
    expect(provider.tokenRequests.length).toBe(requests);
  });

  it('a provider that is down keeps the credential active and tries again after a growing wait', async () => {
    const { record, tokens } = await credential(3);
    const sub = await subscription(record.id, 'kept');
    provider.refreshBehaviour = 'unavailable';
    const attempts = () =>
      provider.tokenRequests.filter((request) => request.grantType === 'refresh_token').length;
    const before = attempts();
    await refreshExpiringCredentials(options);
    const after = await stored(record.id);
    expect(after.record).toMatchObject({ status: 'active', refreshFailures: 1, updatedAt: record.updatedAt });
    expect(after.record.nextRefreshAt?.getTime()).toBe(clock.now() + 60_000);
    expect(after.tokens).toEqual(tokens);
    expect((await store.subscriptions.get(owner.workspaceId, sub))?.status).toBe('active');
    // Not asked again before the wait is over; then again, and the next wait is twice as long.
    clock.advance(59_999);
    await refreshExpiringCredentials(options);
    expect(attempts()).toBe(before + 1);
    clock.advance(1);
    await refreshExpiringCredentials(options);
    expect(attempts()).toBe(before + 2);
    expect((await stored(record.id)).record.nextRefreshAt?.getTime()).toBe(clock.now() + 120_000);

    provider.refreshBehaviour = 'ok';
    clock.advance(120_000);
    await refreshExpiringCredentials(options);
    const refreshed = await stored(record.id);
    expect(refreshed.tokens.access_token).toBe(provider.accessTokens.at(-1));
    expect(refreshed.record).toMatchObject({ refreshFailures: 0, nextRefreshAt: null });
  });

  it('credentials that keep failing do not starve the others', async () => {
    const failing: string[] = [];
    // More failing credentials than one pass takes, all expiring before the good one.
    for (let i = 0; i < 60; i += 1) {
      const { record, tokens } = await credential(1);
      provider.unavailableFor.add(tokens.refresh_token);
      failing.push(record.id);
    }
    const good = await credential(5);
    await refreshExpiringCredentials(options);
    await refreshExpiringCredentials(options);
    const refreshed = await stored(good.record.id);
    expect(refreshed.tokens.access_token).not.toBe(good.tokens.access_token);
    expect(refreshed.record.expiresAt?.getTime()).toBe(clock.now() + FAKE_TOKEN_LIFETIME_S * 1000);
    for (const id of failing) {
      expect((await stored(id)).record).toMatchObject({ status: 'active', refreshFailures: 1 });
    }
    provider.unavailableFor.clear();
  });

  it('a credential whose client is gone becomes unauthorized, saying so; the others are still refreshed', async () => {
    const { record } = await credential(1);
    const sub = await subscription(record.id, 'orphan');
    const system = await credential(1, 'system');
    await options.clients.delete(owner, 'oauthy');
    await refreshExpiringCredentials(options);
    const after = await stored(record.id);
    expect(after.record.status).toBe('unauthorized');
    expect(after.record.statusReason).toContain(
      'workspace OAuth client of OAuthy that issued these tokens is gone',
    );
    expect((await store.subscriptions.get(owner.workspaceId, sub))?.status).toBe('unauthorized');
    expect((await stored(system.record.id)).record.status).toBe('active');
    expect((await stored(system.record.id)).tokens.access_token).not.toBe(system.tokens.access_token);
  });

  it('a new authorization takes over the subscriptions of a refused credential and has them checked at once', async () => {
    const { record: refused } = await credential(2);
    const broken = await subscription(refused.id, 'broken');
    const { record: working } = await credential(null);
    const healthy = await subscription(working.id, 'healthy');
    provider.refreshBehaviour = 'invalid_grant';
    await refreshExpiringCredentials(options);
    expect((await store.subscriptions.get(owner.workspaceId, broken))?.status).toBe('unauthorized');

    const { record: fresh } = await credential(null);
    const now = new Date(clock.now());
    const moved = await reconnectSubscriptions({
      store,
      workspaceId: owner.workspaceId,
      integration: 'oauthy',
      credentialId: fresh.id,
      now,
    });
    expect(moved).toEqual([broken]);
    const repaired = await store.subscriptions.get(owner.workspaceId, broken);
    expect(repaired).toMatchObject({ credentialId: fresh.id, checkFailures: 0 });
    expect(repaired?.nextCheckAt?.getTime()).toBe(now.getTime());
    expect((await store.subscriptions.get(owner.workspaceId, healthy))?.credentialId).toBe(working.id);
  });
});
