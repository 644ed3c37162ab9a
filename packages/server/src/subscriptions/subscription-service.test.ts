import { MASKED_SECRET } from '@tripline/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { BuilderService } from './builder-service.js';
import {
  failure,
  type SubscriptionFixture,
  useSubscriptionFixture,
} from './subscription-fixture.test-helpers.js';
import { SubscriptionService } from './subscription-service.js';
import type { SubscriptionView } from './subscription-view.js';
import type { WorkflowUsage } from './workflow-usage.js';

describe('SubscriptionService', () => {
  let fx: SubscriptionFixture;
  let builders: BuilderService;
  let subscriptions: SubscriptionService;
  const usage = new Map<string, number>();
  const workflowUsage: WorkflowUsage = {
    countBySubscription: async (_workspaceId, ids) => new Map(ids.map((id) => [id, usage.get(id) ?? 0])),
  };

  /** A built manual subscription of alice's workspace, and the secret shown when its builder was made. */
  async function subscription(name?: string): Promise<{ view: SubscriptionView; secret: string }> {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual', ...(name ? { name } : {}) });
    // Lists are in creation order: give each subscription its own creation time.
    fx.clock.advance(1000);
    return {
      view: await builders.build(fx.alice, created.id),
      secret: String(created.properties.webhook_secret),
    };
  }

  useSubscriptionFixture((opened) => {
    fx = opened;
    builders = new BuilderService(fx.options);
    subscriptions = new SubscriptionService({ ...fx.options, workflowUsage });
  });
  beforeEach(async () => {
    usage.clear();
  });

  it('list shows the workspace subscriptions of an integration with workflowsInUse and the limit', async () => {
    const { view: first } = await subscription('First');
    const { view: second } = await subscription('Second');
    usage.set(second.id, 3);
    const list = await subscriptions.list(fx.alice, 'hooks');
    expect(list.limit).toBe(10);
    expect(list.items.map((item) => [item.name, item.workflowsInUse])).toEqual([
      ['First', 0],
      ['Second', 3],
    ]);
    expect(list.items[0]).toMatchObject({
      id: first.id,
      endpoint: `https://triggers.example.com/triggers/plugin/${first.id}`,
      properties: { webhook_secret: MASKED_SECRET },
      status: 'active',
      statusReason: null,
      expiresAt: null,
    });
    expect((await subscriptions.list(fx.alice, 'strict')).items).toEqual([]);
  });

  it('list without a usage port counts no workflows', async () => {
    await subscription();
    const plain = new SubscriptionService(fx.options);
    expect((await plain.list(fx.alice, 'hooks')).items[0]?.workflowsInUse).toBe(0);
  });

  it('get shows one subscription with secrets masked and no credentials', async () => {
    const { view } = await subscription('Main');
    usage.set(view.id, 2);
    const shown = await subscriptions.get(fx.alice, view.id);
    expect(shown).toMatchObject({ name: 'Main', workflowsInUse: 2, hasCredentials: false });
    expect(shown.properties.webhook_secret).toBe(MASKED_SECRET);
  });

  it('update renames and edits properties; the masked secret keeps the stored one', async () => {
    const { view, secret } = await subscription('Main');
    fx.clock.advance(5000);
    const updated = await subscriptions.update(fx.alice, view.id, {
      name: 'Renamed',
      properties: { webhook_secret: MASKED_SECRET, content_type: 'form' },
    });
    expect(updated).toMatchObject({
      name: 'Renamed',
      properties: { webhook_secret: MASKED_SECRET, content_type: 'form' },
    });
    expect(Date.parse(updated.updatedAt) - Date.parse(updated.createdAt)).toBe(5000);
    const stored = await fx.store.subscriptions.get(fx.alice.workspaceId, view.id);
    expect(fx.options.secretBox.open(String(stored?.properties.webhook_secret))).toBe(secret);
    expect(fx.emitted).toContainEqual({ name: 'endpoint.changed', payload: { endpointId: view.id } });
  });

  it('update with a new secret stores it sealed and shows it in that answer only', async () => {
    const { view } = await subscription();
    const updated = await subscriptions.update(fx.alice, view.id, {
      properties: { webhook_secret: 'rotated' },
    });
    expect(updated.properties.webhook_secret).toBe('rotated');
    const stored = await fx.store.subscriptions.get(fx.alice.workspaceId, view.id);
    expect(stored?.properties.webhook_secret).not.toBe('rotated');
    expect(fx.options.secretBox.open(String(stored?.properties.webhook_secret))).toBe('rotated');
    expect((await subscriptions.get(fx.alice, view.id)).properties.webhook_secret).toBe(MASKED_SECRET);
  });

  it('update refuses a name another subscription has with 409, but keeps its own', async () => {
    await subscription('Taken');
    const { view } = await subscription('Mine');
    const error = await failure(subscriptions.update(fx.alice, view.id, { name: 'Taken' }));
    expect(error.status).toBe(409);
    expect(error.code).toBe('name_taken');
    await expect(subscriptions.update(fx.alice, view.id, { name: 'Mine' })).resolves.toMatchObject({
      name: 'Mine',
    });
  });

  it('update validates properties against the integration definitions', async () => {
    const { view } = await subscription();
    const error = await failure(subscriptions.update(fx.alice, view.id, { properties: { colour: 'red' } }));
    expect(error.status).toBe(400);
    expect(error.message).toContain('allowed: webhook_secret, content_type, note');
  });

  it('delete removes the subscription and announces the endpoint change', async () => {
    const { view } = await subscription();
    await subscriptions.delete(fx.alice, view.id);
    expect((await failure(subscriptions.get(fx.alice, view.id))).status).toBe(404);
    expect(await fx.store.subscriptions.findById(view.id)).toBeUndefined();
    expect(fx.emitted.at(-1)).toEqual({ name: 'endpoint.changed', payload: { endpointId: view.id } });
    expect((await failure(subscriptions.delete(fx.alice, view.id))).status).toBe(404);
  });

  it('another workspace gets 404 for every subscription method and sees none in its list', async () => {
    const { view } = await subscription('Private');
    for (const call of [
      subscriptions.get(fx.bob, view.id),
      subscriptions.update(fx.bob, view.id, { name: 'Stolen' }),
      subscriptions.delete(fx.bob, view.id),
    ]) {
      expect((await failure(call)).status).toBe(404);
    }
    expect((await subscriptions.list(fx.bob, 'hooks')).items).toEqual([]);
    await expect(subscriptions.get(fx.alice, view.id)).resolves.toMatchObject({ name: 'Private' });
  });
});
