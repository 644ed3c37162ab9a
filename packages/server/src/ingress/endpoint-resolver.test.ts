import { randomBytes } from 'node:crypto';
import { fixedClock, type Logger } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import { InternalEvents } from '../domain/internal-events.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { BuilderRecord, SubscriptionRecord } from '../store/records.js';
import type { BuilderRepository, SubscriptionRepository } from '../store/store.js';
import { EndpointResolver } from './endpoint-resolver.js';
import { hooksIntegration } from './ingress.test-helpers.js';

const T0 = Date.parse('2026-03-01T12:00:00Z');

function setup(options: { missTtlMs?: number } = {}) {
  const box = new SecretBox(randomBytes(32));
  const clock = fixedClock(T0);
  const events = new InternalEvents();
  const subscriptions = new Map<string, SubscriptionRecord>();
  const builders = new Map<string, BuilderRecord>();
  const queries: string[] = [];
  const errors: object[] = [];
  // hold() makes only the next subscription query wait, so a later one can overtake it.
  let nextGate: Promise<void> | undefined;
  const store = {
    subscriptions: {
      findById: async (id: string) => {
        queries.push(`subscription:${id}`);
        const record = subscriptions.get(id);
        const gate = nextGate;
        nextGate = undefined;
        if (gate) await gate;
        return record;
      },
    } as unknown as SubscriptionRepository,
    builders: {
      findLive: async (id: string, now: Date) => {
        queries.push(`builder:${id}`);
        const builder = builders.get(id);
        return builder && builder.expiresAt > now ? builder : undefined;
      },
    } as unknown as BuilderRepository,
  };
  const logger: Logger = { debug() {}, info() {}, warn() {}, error: (fields) => errors.push(fields) };
  const resolver = new EndpointResolver({
    store,
    catalog: new IntegrationCatalog([hooksIntegration]),
    secretBox: box,
    clock,
    logger,
    events,
    ...options,
  });
  const subscription = (id: string, secret: string): SubscriptionRecord => ({
    id,
    workspaceId: 'w1',
    integration: 'hooks',
    name: id,
    method: 'manual',
    parameters: {},
    properties: { webhook_secret: box.seal(secret), note: 'plain' },
    credentials: null,
    credentialId: null,
    status: 'active',
    statusReason: null,
    expiresAt: null,
    nextCheckAt: null,
    checkFailures: 0,
    lastCheckedAt: null,
    createdBy: 'm1',
    createdAt: new Date(T0),
    updatedAt: new Date(T0),
  });
  return {
    resolver,
    clock,
    events,
    subscriptions,
    builders,
    queries,
    errors,
    subscription,
    hold: () => {
      let release = (): void => {};
      nextGate = new Promise((resolve) => {
        release = resolve;
      });
      return release;
    },
  };
}

describe('EndpointResolver', () => {
  it('loads a subscription once, with its secrets opened, and then answers from memory', async () => {
    const t = setup();
    t.subscriptions.set('s1', t.subscription('s1', 'hush'));
    expect(t.resolver.peek('s1')).toBeUndefined();
    const endpoint = await t.resolver.resolve('s1');
    expect(endpoint).toEqual({
      kind: 'subscription',
      id: 's1',
      workspaceId: 'w1',
      integration: 'hooks',
      properties: { webhook_secret: 'hush', note: 'plain' },
    });
    expect(t.resolver.peek('s1')).toBe(endpoint);
    await t.resolver.resolve('s1');
    expect(t.queries).toEqual(['subscription:s1']);
  });

  it('shares one query between concurrent lookups of one id', async () => {
    const t = setup();
    t.subscriptions.set('s1', t.subscription('s1', 'hush'));
    const found = await Promise.all([t.resolver.resolve('s1'), t.resolver.resolve('s1')]);
    expect(found[0]).toBe(found[1]);
    expect(t.queries).toEqual(['subscription:s1']);
  });

  it('remembers a miss for a few seconds, then asks again', async () => {
    const t = setup({ missTtlMs: 2000 });
    expect(await t.resolver.resolve('nope')).toBeUndefined();
    expect(t.resolver.peek('nope')).toBeNull();
    expect(await t.resolver.resolve('nope')).toBeUndefined();
    expect(t.queries).toEqual(['subscription:nope', 'builder:nope']);
    t.clock.advance(2000);
    expect(t.resolver.peek('nope')).toBeUndefined();
    await t.resolver.resolve('nope');
    expect(t.queries).toHaveLength(4);
  });

  it('finds a live builder and drops it when it expires', async () => {
    const t = setup();
    t.builders.set('b1', {
      id: 'b1',
      workspaceId: 'w1',
      integration: 'hooks',
      method: 'manual',
      name: null,
      parameters: {},
      properties: {},
      credentials: null,
      credentialId: null,
      createdBy: 'm1',
      createdAt: new Date(T0),
      expiresAt: new Date(T0 + 60_000),
      buildStartedAt: null,
    });
    expect(await t.resolver.resolve('b1')).toMatchObject({ kind: 'builder', expiresAt: T0 + 60_000 });
    t.clock.advance(60_000);
    expect(t.resolver.peek('b1')).toBeUndefined();
    expect(await t.resolver.resolve('b1')).toBeUndefined();
  });

  it('forgets an endpoint on endpoint.changed, even while it is being looked up', async () => {
    const t = setup();
    t.subscriptions.set('s1', t.subscription('s1', 'old'));
    await t.resolver.resolve('s1');
    t.events.emit('endpoint.changed', { endpointId: 's1' });
    expect(t.resolver.peek('s1')).toBeUndefined();
    const release = t.hold();
    const stale = t.resolver.resolve('s1');
    t.events.emit('endpoint.changed', { endpointId: 's1' });
    t.subscriptions.set('s1', t.subscription('s1', 'new'));
    expect((await t.resolver.resolve('s1'))?.properties.webhook_secret).toBe('new');
    release();
    expect((await stale)?.properties.webhook_secret).toBe('old');
    expect(t.resolver.peek('s1')?.properties.webhook_secret).toBe('new');
  });

  it('leaves a secret it cannot open out and says why, without the value', async () => {
    const t = setup();
    const record = t.subscription('s1', 'hush');
    const other = new SecretBox(randomBytes(32));
    t.subscriptions.set('s1', { ...record, properties: { webhook_secret: other.seal('hush') } });
    const endpoint = await t.resolver.resolve('s1');
    expect(endpoint?.properties).toEqual({});
    expect(t.errors).toHaveLength(1);
    expect(JSON.stringify(t.errors[0])).not.toContain('hush');
  });

  it('stays one map lookup with 10,000 subscriptions', async () => {
    const t = setup();
    const template = t.subscription('template', 'shared');
    for (let i = 0; i < 10_000; i += 1) t.subscriptions.set(`s${i}`, { ...template, id: `s${i}` });
    for (let i = 0; i < 10_000; i += 1) await t.resolver.resolve(`s${i}`);
    const started = performance.now();
    for (let round = 0; round < 10; round += 1) {
      for (let i = 0; i < 10_000; i += 1) t.resolver.peek(`s${i}`);
    }
    // 100,000 cached lookups: a scan per lookup would take seconds, a map lookup milliseconds.
    expect(performance.now() - started).toBeLessThan(500);
    expect(t.resolver.peek('s9999')).toMatchObject({ id: 's9999', properties: { webhook_secret: 'shared' } });
    expect(t.queries).toHaveLength(10_000);
  });
});
