import { describe, expect, it } from 'vitest';
import { reconnectSubscriptions } from '../oauth/reconnect-subscriptions.js';
import { BuilderService } from './builder-service.js';
import { withSubscriptions } from './store-delegate.test-helpers.js';
import { SubscriptionChecker } from './subscription-checker.js';
import {
  failure,
  type SubscriptionFixture,
  useSubscriptionFixture,
} from './subscription-fixture.test-helpers.js';
import { SubscriptionService } from './subscription-service.js';
import type { SubscriptionView } from './subscription-view.js';

const MINUTE = 60_000;

describe('automatic subscriptions changed by two callers at once', () => {
  let fx: SubscriptionFixture;
  let builders: BuilderService;
  let subscriptions: SubscriptionService;

  async function apiKeyBuilder(repository = 'octo/alpha') {
    const created = await builders.create(fx.alice, 'hookhub', { method: 'api-key' });
    await builders.patch(fx.alice, created.id, {
      parameters: { repository, events: ['push'] },
      credentials: { access_token: 'good-token' },
    });
    return created;
  }

  async function built(repository = 'octo/alpha'): Promise<SubscriptionView> {
    return builders.build(fx.alice, (await apiKeyBuilder(repository)).id);
  }

  /** The stored webhook secret in clear and the one the external system signs with. */
  async function secrets(id: string, endpoint: string) {
    const record = await fx.store.subscriptions.get(fx.alice.workspaceId, id);
    const hooks = fx.host.at(endpoint);
    return {
      stored: fx.options.secretBox.open(String(record?.properties.webhook_secret)),
      external: hooks.map((hook) => hook.secret),
    };
  }

  /** Takes the check of a subscription as the reconciler of another process would. */
  async function claimElsewhere(id: string) {
    const record = await fx.store.subscriptions.get(fx.alice.workspaceId, id);
    if (!record) throw new Error(`no subscription ${id}`);
    const lease = await new SubscriptionChecker(fx.options).claim(record);
    expect(lease).toBeDefined();
    return lease;
  }

  useSubscriptionFixture((opened) => {
    fx = opened;
    builders = new BuilderService(fx.options);
    subscriptions = new SubscriptionService(fx.options);
  });

  it('two builds of one builder in one process create one webhook; the second says it was built', async () => {
    const created = await apiKeyBuilder();
    const [first, second] = await Promise.allSettled([
      builders.build(fx.alice, created.id),
      builders.build(fx.alice, created.id),
    ]);
    expect(first.status).toBe('fulfilled');
    expect(second.status).toBe('rejected');
    const error = second.status === 'rejected' ? second.reason : undefined;
    expect(error).toMatchObject({ status: 404 });
    expect(String(error?.message)).toContain(`GET /api/v1/subscriptions/${created.id}`);
    expect(fx.host.callsOf('subscribe')).toHaveLength(1);
    const { stored, external } = await secrets(created.id, created.endpoint);
    expect(external).toEqual([stored]);
  });

  it('two builds of one builder in two processes leave the stored secret equal to the webhook one', async () => {
    const created = await apiKeyBuilder();
    let firstWaits: () => void = () => {};
    const firstWaiting = new Promise<void>((resolve) => {
      firstWaits = resolve;
    });
    let letFirstStore: () => void = () => {};
    const firstMayStore = new Promise<void>((resolve) => {
      letFirstStore = resolve;
    });
    const processA = new BuilderService({
      ...fx.options,
      store: withSubscriptions(fx.store, {
        createFromBuilder: async (input) => {
          firstWaits();
          await firstMayStore;
          return fx.store.subscriptions.createFromBuilder(input);
        },
      }),
    });
    const a = processA.build(fx.alice, created.id);
    await firstWaiting;
    // Process B adopts A's webhook with a secret of its own, then finds A stored first.
    const processB = new BuilderService({
      ...fx.options,
      store: withSubscriptions(fx.store, {
        createFromBuilder: async (input) => {
          letFirstStore();
          await a;
          return fx.store.subscriptions.createFromBuilder(input);
        },
      }),
    });
    const lost = await failure(processB.build(fx.alice, created.id));
    expect((await a).id).toBe(created.id);
    expect(lost.status).toBe(404);
    expect(lost.message).toContain('built by another request');
    const { stored, external } = await secrets(created.id, created.endpoint);
    expect(external).toEqual([stored]);
    expect(fx.emitted).toContainEqual({ name: 'endpoint.changed', payload: { endpointId: created.id } });
  });

  it('a build outlives the builder term running out during the external call', async () => {
    const created = await apiKeyBuilder();
    fx.clock.advance(29 * MINUTE);
    const slow = new BuilderService({
      ...fx.options,
      store: withSubscriptions(fx.store, {
        createFromBuilder: async (input) => {
          // The external call took two minutes, and the builder cleanup ran meanwhile.
          fx.clock.advance(2 * MINUTE);
          await fx.store.builders.deleteExpired(new Date(fx.clock.now()));
          return fx.store.subscriptions.createFromBuilder(input);
        },
      }),
    });
    const subscription = await slow.build(fx.alice, created.id);
    expect(subscription.status).toBe('active');
    expect(fx.host.at(created.endpoint)).toHaveLength(1);
  });

  it('checkNow answers 409 while another process checks, and calls nothing', async () => {
    const subscription = await built();
    await claimElsewhere(subscription.id);
    fx.host.calls.length = 0;
    const error = await failure(subscriptions.checkNow(fx.alice, subscription.id));
    expect(error.status).toBe(409);
    expect(error.code).toBe('check_in_progress');
    expect(fx.host.calls).toEqual([]);
  });

  it('an edit answers 409 while a check runs and changes nothing; once the lease ran out it rebuilds', async () => {
    const subscription = await built();
    await claimElsewhere(subscription.id);
    const before = await fx.store.subscriptions.get(fx.alice.workspaceId, subscription.id);
    const error = await failure(
      subscriptions.update(fx.alice, subscription.id, { parameters: { events: ['push', 'issues'] } }),
    );
    expect(error.status).toBe(409);
    expect(await fx.store.subscriptions.get(fx.alice.workspaceId, subscription.id)).toEqual(before);
    expect(fx.host.callsOf('subscribe')).toHaveLength(1);

    // The checker died: its lease runs out and the edit goes through.
    fx.clock.advance(5 * MINUTE + 1);
    const updated = await subscriptions.update(fx.alice, subscription.id, {
      parameters: { events: ['push', 'issues'] },
    });
    expect(updated.parameters.events).toEqual(['push', 'issues']);
    const { stored, external } = await secrets(subscription.id, subscription.endpoint);
    expect(external).toEqual([stored]);
  });

  it('two edits at once: one rebuilds, the other answers 409', async () => {
    const subscription = await built();
    const results = await Promise.allSettled([
      subscriptions.update(fx.alice, subscription.id, { parameters: { events: ['push', 'issues'] } }),
      subscriptions.update(fx.alice, subscription.id, { parameters: { events: ['issues'] } }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const { stored, external } = await secrets(subscription.id, subscription.endpoint);
    expect(external).toEqual([stored]);
  });

  it('a refused edit gives the check back at the time it had', async () => {
    const subscription = await built();
    const before = await fx.store.subscriptions.get(fx.alice.workspaceId, subscription.id);
    await failure(
      subscriptions.update(fx.alice, subscription.id, { parameters: { repository: 'octo/nowhere' } }),
    );
    const after = await fx.store.subscriptions.get(fx.alice.workspaceId, subscription.id);
    expect(after?.nextCheckAt).toEqual(before?.nextCheckAt);
    // Not held: a check may start at once.
    expect(await subscriptions.checkNow(fx.alice, subscription.id)).toMatchObject({ status: 'active' });
  });

  it('a delete answers 409 while a check runs; with force it deletes anyway', async () => {
    const subscription = await built();
    await claimElsewhere(subscription.id);
    const error = await failure(subscriptions.delete(fx.alice, subscription.id));
    expect(error.status).toBe(409);
    expect(fx.host.at(subscription.endpoint)).toHaveLength(1);
    await subscriptions.delete(fx.alice, subscription.id, { force: true });
    expect(await fx.store.subscriptions.get(fx.alice.workspaceId, subscription.id)).toBeUndefined();
    expect(fx.host.at(subscription.endpoint)).toEqual([]);
  });

  it('authorizing again moves a subscription being checked to the new credential but leaves its lease', async () => {
    const refused = await fx.saveCredential(fx.alice);
    const created = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    await builders.patch(fx.alice, created.id, { parameters: { repository: 'octo/beta' } });
    await builders.build(fx.alice, created.id);
    await fx.store.credentials.setStatus(refused.id, 'unauthorized', 'revoked', new Date(fx.clock.now()));
    const lease = await claimElsewhere(created.id);
    const renewed = await fx.saveCredential(fx.alice);
    const moved = await reconnectSubscriptions({
      store: fx.store,
      workspaceId: fx.alice.workspaceId,
      integration: 'hookhub',
      credentialId: renewed.id,
      now: new Date(fx.clock.now()),
    });
    expect(moved).toEqual([created.id]);
    const after = await fx.store.subscriptions.get(fx.alice.workspaceId, created.id);
    expect(after?.credentialId).toBe(renewed.id);
    expect(after?.nextCheckAt?.getTime()).toBe(fx.clock.now());
    // The check running elsewhere keeps its lease: nobody starts a second one beside it.
    if (!after || !lease) throw new Error('not stored');
    expect(await new SubscriptionChecker(fx.options).claim(after)).toBeUndefined();
    const due = await fx.store.subscriptions.listDue(new Date(fx.clock.now()), 10);
    expect(due.map((subscription) => subscription.id)).not.toContain(created.id);
    fx.clock.advance(lease.until.getTime() - fx.clock.now());
    expect(await new SubscriptionChecker(fx.options).claim(after)).toBeDefined();
  });

  it('a check that re-created the webhook of a subscription deleted meanwhile removes it again', async () => {
    const subscription = await built();
    fx.host.hooks.clear();
    const record = await fx.store.subscriptions.get(fx.alice.workspaceId, subscription.id);
    if (!record) throw new Error('not stored');
    const checker = new SubscriptionChecker({
      ...fx.options,
      store: withSubscriptions(fx.store, {
        update: async (workspaceId, id, patch) => {
          await fx.store.subscriptions.delete(workspaceId, id);
          return fx.store.subscriptions.update(workspaceId, id, patch);
        },
      }),
    });
    expect(await checker.check(record)).toBeUndefined();
    expect(fx.host.callsOf('subscribe')).toHaveLength(2);
    expect(fx.host.at(subscription.endpoint)).toEqual([]);
  });
});
