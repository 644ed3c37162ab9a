import { CredentialsError, ExternalServiceError, MASKED_SECRET } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { BuilderService } from './builder-service.js';
import {
  failure,
  type SubscriptionFixture,
  useSubscriptionFixture,
} from './subscription-fixture.test-helpers.js';
import { SubscriptionService } from './subscription-service.js';
import type { SubscriptionView } from './subscription-view.js';

describe('SubscriptionService with automatic subscriptions', () => {
  let fx: SubscriptionFixture;
  let builders: BuilderService;
  let subscriptions: SubscriptionService;

  /** A built api-key subscription of alice's on `repository`. */
  async function built(repository = 'octo/alpha', token = 'good-token'): Promise<SubscriptionView> {
    const created = await builders.create(fx.alice, 'hookhub', { method: 'api-key' });
    await builders.patch(fx.alice, created.id, {
      parameters: { repository, events: ['push'] },
      credentials: { access_token: token },
    });
    fx.clock.advance(1000);
    return builders.build(fx.alice, created.id);
  }

  const stored = (id: string) => fx.store.subscriptions.get(fx.alice.workspaceId, id);

  useSubscriptionFixture((opened) => {
    fx = opened;
    builders = new BuilderService(fx.options);
    subscriptions = new SubscriptionService(fx.options);
  });

  it('update of the events rebuilds the same webhook at the same endpoint URL', async () => {
    const subscription = await built();
    const [hook] = fx.host.on('octo/alpha');
    const updated = await subscriptions.update(fx.alice, subscription.id, {
      parameters: { events: ['push', 'issues'] },
    });
    expect(fx.host.on('octo/alpha')).toEqual([
      expect.objectContaining({ id: hook?.id, url: subscription.endpoint, events: ['push', 'issues'] }),
    ]);
    expect(updated).toMatchObject({
      id: subscription.id,
      endpoint: subscription.endpoint,
      parameters: { repository: 'octo/alpha', events: ['push', 'issues'] },
      properties: { hook_id: String(hook?.id), webhook_secret: MASKED_SECRET },
      status: 'active',
      statusReason: null,
    });
    expect(fx.host.callsOf('unsubscribe')).toEqual([]);
    // The adopted webhook got a new secret: the stored one follows it.
    const record = await stored(subscription.id);
    expect(fx.options.secretBox.open(String(record?.properties.webhook_secret))).toBe(hook?.secret);
    expect(fx.emitted).toContainEqual({ name: 'endpoint.changed', payload: { endpointId: subscription.id } });
  });

  it('update of the repository creates the webhook there and removes the old one', async () => {
    const subscription = await built('octo/alpha');
    const updated = await subscriptions.update(fx.alice, subscription.id, {
      parameters: { repository: 'octo/beta' },
    });
    expect(fx.host.on('octo/alpha')).toEqual([]);
    const [moved] = fx.host.on('octo/beta');
    expect(moved?.url).toBe(subscription.endpoint);
    expect(updated.properties).toMatchObject({ hook_id: String(moved?.id), repository: 'octo/beta' });
    expect(updated.statusReason).toBeNull();
  });

  it('update keeps the new webhook when removing the old one fails, and says so in statusReason', async () => {
    const subscription = await built('octo/alpha');
    fx.host.fail('unsubscribe', new ExternalServiceError('Server Error', 500));
    const updated = await subscriptions.update(fx.alice, subscription.id, {
      parameters: { repository: 'octo/beta' },
    });
    expect(updated.parameters.repository).toBe('octo/beta');
    expect(updated.status).toBe('active');
    expect(updated.statusReason).toContain('the old one could not be removed from HookHub');
    expect(updated.statusReason).toContain('Server Error');
    expect(fx.host.on('octo/alpha')).toHaveLength(1);
    expect(fx.host.on('octo/beta')).toHaveLength(1);
  });

  it('update that the external system refuses changes nothing here and answers its message', async () => {
    const subscription = await built('octo/alpha');
    const before = await stored(subscription.id);
    const missing = await failure(
      subscriptions.update(fx.alice, subscription.id, { parameters: { repository: 'octo/nowhere' } }),
    );
    expect(missing.status).toBe(502);
    expect(missing.message).toContain('repository octo/nowhere not found');
    const refused = await failure(
      subscriptions.update(fx.alice, subscription.id, { credentials: { access_token: 'revoked' } }),
    );
    expect(refused.status).toBe(400);
    expect(refused.code).toBe('invalid_credentials');
    expect(await stored(subscription.id)).toEqual(before);
    expect(fx.host.on('octo/alpha')).toHaveLength(1);
  });

  it('update of the api-key credentials rebuilds with the new token; the masked value keeps the stored one', async () => {
    fx.host.tokens.add('second-token');
    const subscription = await built();
    const kept = await subscriptions.update(fx.alice, subscription.id, {
      name: 'Renamed',
      credentials: { access_token: MASKED_SECRET },
    });
    expect(kept.name).toBe('Renamed');
    expect(fx.host.callsOf('subscribe')).toHaveLength(1);
    const before = await stored(subscription.id);
    expect(fx.options.secretBox.open(String(before?.credentials))).toContain('good-token');

    await subscriptions.update(fx.alice, subscription.id, { credentials: { access_token: 'second-token' } });
    expect(fx.host.callsOf('subscribe')).toHaveLength(2);
    const after = await stored(subscription.id);
    expect(fx.options.secretBox.open(String(after?.credentials))).toContain('second-token');
    expect(fx.host.on('octo/alpha')).toHaveLength(1);
  });

  it('update refuses properties of automatic subscriptions and credentials of oauth ones', async () => {
    const subscription = await built();
    const properties = await failure(
      subscriptions.update(fx.alice, subscription.id, { properties: { hook_id: '99' } }),
    );
    expect(properties.status).toBe(400);
    expect(properties.message).toContain('change its parameters or credentials instead');

    await fx.saveCredential(fx.alice);
    const created = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    await builders.patch(fx.alice, created.id, { parameters: { repository: 'octo/gamma' } });
    const oauth = await builders.build(fx.alice, created.id);
    const credentials = await failure(
      subscriptions.update(fx.alice, oauth.id, { credentials: { access_token: 'x' } }),
    );
    expect(credentials.status).toBe(400);
    expect(credentials.message).toContain('authorize instead');
  });

  it('a rename alone does not call the external system and keeps the secrets sealed', async () => {
    const subscription = await built();
    const before = await stored(subscription.id);
    await subscriptions.update(fx.alice, subscription.id, {
      name: 'Only the name',
      parameters: { events: ['push'] },
    });
    expect(fx.host.callsOf('subscribe')).toHaveLength(1);
    const after = await stored(subscription.id);
    expect(after?.name).toBe('Only the name');
    expect(after?.properties).toEqual(before?.properties);
  });

  it('delete removes the external webhook first', async () => {
    const subscription = await built();
    await subscriptions.delete(fx.alice, subscription.id);
    expect(fx.host.on('octo/alpha')).toEqual([]);
    expect(await stored(subscription.id)).toBeUndefined();
  });

  it('delete of a webhook already gone in the external system succeeds', async () => {
    const subscription = await built();
    fx.host.hooks.clear();
    await subscriptions.delete(fx.alice, subscription.id);
    expect(await stored(subscription.id)).toBeUndefined();
  });

  it('delete answers 502 external_delete_failed and keeps the subscription; force deletes it anyway', async () => {
    const subscription = await built();
    fx.host.fail('unsubscribe', new CredentialsError('Bad credentials'));
    const error = await failure(subscriptions.delete(fx.alice, subscription.id));
    expect(error.status).toBe(502);
    expect(error.code).toBe('external_delete_failed');
    expect(error.message).toContain('Bad credentials');
    expect(error.message).toContain('send DELETE again with ?force=true');
    expect(error.message).toContain('the webhook then stays in HookHub');
    expect(await stored(subscription.id)).toBeDefined();

    await subscriptions.delete(fx.alice, subscription.id, { force: true });
    expect(await stored(subscription.id)).toBeUndefined();
    expect(fx.host.on('octo/alpha')).toHaveLength(1);
  });

  it('checkNow re-creates a missing webhook; manual subscriptions have nothing to check', async () => {
    const subscription = await built();
    fx.host.hooks.clear();
    const checked = await subscriptions.checkNow(fx.alice, subscription.id);
    const [hook] = fx.host.on('octo/alpha');
    expect(hook?.url).toBe(subscription.endpoint);
    expect(checked).toMatchObject({ status: 'active', properties: { hook_id: String(hook?.id) } });

    const manual = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    await builders.build(fx.alice, manual.id);
    const error = await failure(subscriptions.checkNow(fx.alice, manual.id));
    expect(error.status).toBe(400);
    expect(error.message).toContain('nothing to check');
  });

  it('list and get show an oauth subscription credential without its tokens', async () => {
    const saved = await fx.saveCredential(fx.alice, { token: 'good-token' });
    const created = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    await builders.patch(fx.alice, created.id, { parameters: { repository: 'octo/gamma' } });
    await builders.build(fx.alice, created.id);
    const list = await subscriptions.list(fx.alice, 'hookhub');
    expect(list.items[0]?.credential).toEqual({ id: saved.id, status: 'active', expiresAt: null });
    const shown = await subscriptions.get(fx.alice, created.id);
    expect(shown.credential?.id).toBe(saved.id);
    expect(JSON.stringify([list, shown])).not.toContain('good-token');
  });
});
