import { ExternalServiceError } from '@tripline/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { BuilderService } from './builder-service.js';
import { type SubscriptionFixture, useSubscriptionFixture } from './subscription-fixture.test-helpers.js';
import { subscriptionReconciler } from './subscription-reconciler.js';
import type { SubscriptionView } from './subscription-view.js';

const MINUTE = 60_000;

describe('subscriptionReconciler', () => {
  let fx: SubscriptionFixture;
  let builders: BuilderService;

  async function built(repository: string): Promise<SubscriptionView> {
    const created = await builders.create(fx.alice, 'hookhub', { method: 'api-key' });
    await builders.patch(fx.alice, created.id, {
      parameters: { repository, events: ['push'] },
      credentials: { access_token: 'good-token' },
    });
    return builders.build(fx.alice, created.id);
  }

  const reconciler = () => subscriptionReconciler(fx.options);
  const stored = (id: string) => fx.store.subscriptions.get(fx.alice.workspaceId, id);

  useSubscriptionFixture((opened) => {
    fx = opened;
    builders = new BuilderService(fx.options);
    fx.host.repositories = Array.from({ length: 8 }, (_, i) => `octo/repo-${i}`);
  });
  beforeEach(async () => {
    // Subscriptions of earlier tests are due too; each test looks only at its own.
    for (const record of await fx.store.subscriptions.listDue(new Date(8_000_000_000_000), 1000)) {
      await fx.store.subscriptions.delete(record.workspaceId, record.id);
    }
  });

  it('re-creates a webhook that went missing, with the same URL, and stores its new id and secret', async () => {
    const subscription = await built('octo/repo-0');
    fx.host.hooks.clear();
    fx.clock.advance(15 * MINUTE);
    fx.emitted.length = 0;
    const summary = await reconciler().reconcile();
    expect(summary).toEqual({ due: 1, checked: 1, skipped: 0 });
    const [hook] = fx.host.on('octo/repo-0');
    expect(hook?.url).toBe(subscription.endpoint);
    const record = await stored(subscription.id);
    expect(record?.properties.hook_id).toBe(String(hook?.id));
    expect(fx.options.secretBox.open(String(record?.properties.webhook_secret))).toBe(hook?.secret);
    expect(record).toMatchObject({ status: 'active', statusReason: null, checkFailures: 0 });
    expect(record?.lastCheckedAt?.getTime()).toBe(fx.clock.now());
    expect(record?.nextCheckAt?.getTime()).toBe(fx.clock.now() + 15 * MINUTE);
    expect(fx.emitted).toContainEqual({ name: 'endpoint.changed', payload: { endpointId: subscription.id } });
  });

  it('leaves a healthy webhook alone and checks it again only after the interval', async () => {
    await built('octo/repo-0');
    expect((await reconciler().reconcile()).due).toBe(0);
    fx.clock.advance(15 * MINUTE);
    expect((await reconciler().reconcile()).checked).toBe(1);
    expect(fx.host.callsOf('inspectWebhook')).toHaveLength(1);
    expect(fx.host.callsOf('subscribe')).toHaveLength(1);
    fx.clock.advance(MINUTE);
    expect((await reconciler().reconcile()).due).toBe(0);
  });

  it('corrects a webhook that was disabled in the external system', async () => {
    await built('octo/repo-0');
    const [hook] = fx.host.on('octo/repo-0');
    if (hook) hook.active = false;
    fx.clock.advance(15 * MINUTE);
    await reconciler().reconcile();
    expect(fx.host.on('octo/repo-0')).toEqual([expect.objectContaining({ id: hook?.id, active: true })]);
  });

  it('marks a failing check error with a growing backoff while the others are still checked', async () => {
    const subscriptions = await Promise.all(['octo/repo-0', 'octo/repo-1', 'octo/repo-2'].map(built));
    fx.clock.advance(15 * MINUTE);
    fx.host.fail('inspectWebhook', new ExternalServiceError('Server Error', 500), 1);
    expect((await reconciler().reconcile()).checked).toBe(3);
    const records = await Promise.all(subscriptions.map((subscription) => stored(subscription.id)));
    const failed = records.filter((record) => record?.status === 'error');
    expect(failed).toHaveLength(1);
    expect(records.filter((record) => record?.status === 'active')).toHaveLength(2);
    const [broken] = failed;
    expect(broken?.statusReason).toContain('Server Error');
    expect(broken?.checkFailures).toBe(1);
    expect(broken?.nextCheckAt?.getTime()).toBe(fx.clock.now() + MINUTE);

    // Not retried in a tight loop: nothing is due until the backoff is over.
    expect((await reconciler().reconcile()).due).toBe(0);
    fx.clock.advance(MINUTE);
    fx.host.fail('inspectWebhook', new ExternalServiceError('Server Error', 500), 1);
    expect((await reconciler().reconcile()).due).toBe(1);
    const again = await stored(String(broken?.id));
    expect(again?.checkFailures).toBe(2);
    expect(again?.nextCheckAt?.getTime()).toBe(fx.clock.now() + 2 * MINUTE);

    fx.clock.advance(2 * MINUTE);
    await reconciler().reconcile();
    expect(await stored(String(broken?.id))).toMatchObject({
      status: 'active',
      statusReason: null,
      checkFailures: 0,
    });
  });

  it('marks a subscription unauthorized when the external system refuses its token', async () => {
    const subscription = await built('octo/repo-0');
    fx.host.tokens.clear();
    fx.clock.advance(15 * MINUTE);
    await reconciler().reconcile();
    const record = await stored(subscription.id);
    expect(record?.status).toBe('unauthorized');
    expect(record?.statusReason).toContain('Bad credentials');
  });

  it('marks a subscription unauthorized with its saved credential reason without calling out', async () => {
    const saved = await fx.saveCredential(fx.alice);
    const created = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    await builders.patch(fx.alice, created.id, { parameters: { repository: 'octo/repo-3' } });
    await builders.build(fx.alice, created.id);
    await fx.store.credentials.setStatus(
      saved.id,
      'unauthorized',
      'the refresh token was revoked',
      new Date(fx.clock.now()),
    );
    fx.host.calls.length = 0;
    fx.clock.advance(15 * MINUTE);
    await reconciler().reconcile();
    const record = await stored(created.id);
    expect(record?.status).toBe('unauthorized');
    expect(record?.statusReason).toContain('the refresh token was revoked');
    expect(fx.host.calls).toEqual([]);
  });

  it('refreshes an external subscription that lapses within the margin', async () => {
    fx.host.lifetimeMs = 90 * MINUTE;
    const subscription = await built('octo/repo-0');
    fx.clock.advance(15 * MINUTE);
    await reconciler().reconcile();
    expect(fx.host.callsOf('refresh')).toEqual([]);
    fx.clock.advance(15 * MINUTE);
    await reconciler().reconcile();
    expect(fx.host.callsOf('refresh')).toHaveLength(1);
    expect((await stored(subscription.id))?.expiresAt?.getTime()).toBe(fx.clock.now() + 90 * MINUTE);
  });

  it('two reconcilers racing check each due subscription once', async () => {
    const subscriptions = await Promise.all(
      ['octo/repo-0', 'octo/repo-1', 'octo/repo-2', 'octo/repo-3', 'octo/repo-4'].map(built),
    );
    fx.clock.advance(15 * MINUTE);
    const [first, second] = await Promise.all([reconciler().reconcile(), reconciler().reconcile()]);
    expect((first?.checked ?? 0) + (second?.checked ?? 0)).toBe(5);
    expect(fx.host.callsOf('inspectWebhook')).toHaveLength(5);
    expect(new Set(fx.host.callsOf('inspectWebhook').map((call) => call.hookId)).size).toBe(5);
    expect(subscriptions).toHaveLength(5);
  });

  it('never looks at manual subscriptions', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    await builders.build(fx.alice, created.id);
    fx.clock.advance(24 * 60 * MINUTE);
    expect((await reconciler().reconcile()).due).toBe(0);
  });
});
