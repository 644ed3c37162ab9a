import { MASKED_SECRET } from '@tripline/sdk';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import type { HttpError } from '../domain/errors.js';
import { BuilderService } from './builder-service.js';
import {
  failure,
  type SubscriptionFixture,
  useSubscriptionFixture,
} from './subscription-fixture.test-helpers.js';
import { SubscriptionService } from './subscription-service.js';

describe('BuilderService', () => {
  let fx: SubscriptionFixture;
  let builders: BuilderService;

  useSubscriptionFixture((opened) => {
    fx = opened;
    builders = new BuilderService(fx.options);
  });

  it('create gives an id, its endpoint URL, an expiry 30 minutes away and a generated secret shown once', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    expect(created.endpoint).toBe(`https://triggers.example.com/triggers/plugin/${created.id}`);
    expect(Date.parse(created.expiresAt) - fx.clock.now()).toBe(30 * 60 * 1000);
    expect(created.properties.webhook_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.properties.content_type).toBe('json');
    const again = await builders.get(fx.alice, created.id);
    expect(again.properties.webhook_secret).toBe(MASKED_SECRET);
    expect(fx.emitted).toContainEqual({ name: 'endpoint.changed', payload: { endpointId: created.id } });
  });

  it('create stores the secret sealed, never in clear', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    const secret = String(created.properties.webhook_secret);
    const record = await fx.store.builders.get(fx.alice.workspaceId, created.id);
    expect(SecretBox.isSealed(record?.properties.webhook_secret)).toBe(true);
    expect(fx.options.secretBox.open(String(record?.properties.webhook_secret))).toBe(secret);
    const raw = new Database(fx.dbFile, { readonly: true });
    try {
      const row = raw
        .prepare('select properties from subscription_builders where id = ?')
        .get(created.id) as {
        properties: string;
      };
      expect(row.properties).not.toContain(secret);
    } finally {
      raw.close();
    }
  });

  it('create refuses a method the integration does not support, naming the supported ones', async () => {
    const error = await failure(builders.create(fx.alice, 'hooks', { method: 'api-key' }));
    expect(error.status).toBe(400);
    expect(error.message).toContain('does not support the subscription method "api-key"; supported: manual');
  });

  it('create answers 404 naming the known integrations for an unknown one', async () => {
    const error = await failure(builders.create(fx.alice, 'gitlab', { method: 'manual' }));
    expect(error.status).toBe(404);
    expect(error.message).toContain('known integrations: hooks, strict, auto');
  });

  it('patch with the masked secret keeps it; with a new value replaces it and shows it once', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    const original = String(created.properties.webhook_secret);
    const kept = await builders.patch(fx.alice, created.id, {
      properties: { webhook_secret: MASKED_SECRET, note: 'main repo' },
    });
    expect(kept.properties).toEqual({
      webhook_secret: MASKED_SECRET,
      content_type: 'json',
      note: 'main repo',
    });
    const stored = await fx.store.builders.get(fx.alice.workspaceId, created.id);
    expect(fx.options.secretBox.open(String(stored?.properties.webhook_secret))).toBe(original);

    const replaced = await builders.patch(fx.alice, created.id, {
      properties: { webhook_secret: 'my-own-secret' },
    });
    expect(replaced.properties.webhook_secret).toBe('my-own-secret');
    const sealed = await fx.store.builders.get(fx.alice.workspaceId, created.id);
    expect(sealed?.properties.webhook_secret).not.toBe('my-own-secret');
    expect(fx.options.secretBox.open(String(sealed?.properties.webhook_secret))).toBe('my-own-secret');
    expect((await builders.get(fx.alice, created.id)).properties.webhook_secret).toBe(MASKED_SECRET);
  });

  it('patch that clears the secret gets a fresh generated one, shown once', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    const patched = await builders.patch(fx.alice, created.id, { properties: { webhook_secret: '' } });
    expect(patched.properties.webhook_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(patched.properties.webhook_secret).not.toBe(created.properties.webhook_secret);
  });

  it('patch refuses unknown properties and select values outside the options', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    const unknown = await failure(builders.patch(fx.alice, created.id, { properties: { secret: 'x' } }));
    expect(unknown.status).toBe(400);
    expect(unknown.message).toContain(
      'properties.secret is unknown; allowed: webhook_secret, content_type, note',
    );
    const choice = await failure(
      builders.patch(fx.alice, created.id, { properties: { content_type: 'xml' } }),
    );
    expect(choice.message).toContain('properties.content_type has "xml"; allowed: json, form');
    const parameters = await failure(
      builders.patch(fx.alice, created.id, { parameters: { repository: 'o/r' } }),
    );
    expect(parameters.message).toContain('this subscription takes no parameters');
  });

  it('patch keeps an api-key builder credentials sealed and shows only that they exist', async () => {
    const created = await builders.create(fx.alice, 'auto', { method: 'api-key' });
    expect(created.hasCredentials).toBe(false);
    const patched = await builders.patch(fx.alice, created.id, {
      parameters: { repository: 'octo/repo' },
      credentials: { access_token: 'ghp_secret' },
    });
    expect(patched.hasCredentials).toBe(true);
    expect(JSON.stringify(patched)).not.toContain('ghp_secret');
    const stored = await fx.store.builders.get(fx.alice.workspaceId, created.id);
    expect(SecretBox.isSealed(stored?.credentials)).toBe(true);
  });

  it('patch extends the builder life by 30 minutes', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    fx.clock.advance(20 * 60 * 1000);
    const patched = await builders.patch(fx.alice, created.id, { name: 'Later' });
    expect(Date.parse(patched.expiresAt) - fx.clock.now()).toBe(30 * 60 * 1000);
  });

  it('build makes a subscription with the same id and endpoint and consumes the builder', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual', name: 'Main repo' });
    const built = await builders.build(fx.alice, created.id);
    expect(built).toMatchObject({
      id: created.id,
      endpoint: created.endpoint,
      name: 'Main repo',
      integration: 'hooks',
      method: 'manual',
      status: 'active',
      workflowsInUse: 0,
      hasCredentials: false,
    });
    expect(built.properties.webhook_secret).toBe(MASKED_SECRET);
    const stored = await fx.store.subscriptions.get(fx.alice.workspaceId, created.id);
    expect(SecretBox.isSealed(stored?.properties.webhook_secret)).toBe(true);
    expect((await failure(builders.get(fx.alice, created.id))).status).toBe(404);
    const changed = fx.emitted.filter((event) => event.name === 'endpoint.changed');
    expect(changed.at(-1)).toEqual({ name: 'endpoint.changed', payload: { endpointId: created.id } });
  });

  it('build gives unnamed subscriptions the first free default name', async () => {
    const names: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
      names.push((await builders.build(fx.alice, created.id)).name);
    }
    expect(names).toEqual(['Hooks subscription 1', 'Hooks subscription 2', 'Hooks subscription 3']);
  });

  it('build refuses a missing required field, naming it', async () => {
    const created = await builders.create(fx.alice, 'strict', { method: 'manual' });
    const error = await failure(builders.build(fx.alice, created.id));
    expect(error.status).toBe(400);
    expect(error.message).toContain('missing required fields: properties.region');
    await builders.patch(fx.alice, created.id, { properties: { region: 'eu' } });
    expect((await builders.build(fx.alice, created.id)).properties).toEqual({ region: 'eu' });
  });

  it('build of an api-key builder stores what the integration created, with the credentials kept sealed', async () => {
    const created = await builders.create(fx.alice, 'auto', { method: 'api-key' });
    await builders.patch(fx.alice, created.id, {
      parameters: { repository: 'o/r' },
      credentials: { access_token: 'ghp_x' },
    });
    const built = await builders.build(fx.alice, created.id);
    expect(built).toMatchObject({ id: created.id, method: 'api-key', properties: { hook_id: '1' } });
    expect(built.hasCredentials).toBe(true);
    expect(JSON.stringify(built)).not.toContain('ghp_x');
  });

  it('build refuses the 11th subscription of an integration with 409 naming the limit', async () => {
    for (let i = 0; i < 10; i += 1) {
      const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
      await builders.build(fx.alice, created.id);
    }
    const eleventh = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    const error = await failure(builders.build(fx.alice, eleventh.id));
    expect(error.status).toBe(409);
    expect(error.code).toBe('subscription_limit');
    expect(error.message).toContain('at most 10 subscriptions of integration "hooks"');
    // The limit is per workspace: another workspace still has room.
    const other = await builders.create(fx.bob, 'hooks', { method: 'manual' });
    await expect(builders.build(fx.bob, other.id)).resolves.toMatchObject({ id: other.id });
  });

  it('20 concurrent builds never make more than 10 subscriptions', async () => {
    const created = await Promise.all(
      Array.from({ length: 20 }, () => builders.create(fx.alice, 'hooks', { method: 'manual' })),
    );
    const results = await Promise.allSettled(created.map((builder) => builders.build(fx.alice, builder.id)));
    const built = results.filter((result) => result.status === 'fulfilled');
    const refused = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason as HttpError] : [],
    );
    expect(built).toHaveLength(10);
    expect(refused.map((error) => error.code)).toEqual(Array(10).fill('subscription_limit'));
    expect(await fx.store.subscriptions.count(fx.alice.workspaceId, 'hooks')).toBe(10);
    const names = new SubscriptionService(fx.options).list(fx.alice, 'hooks');
    expect(new Set((await names).items.map((item) => item.name)).size).toBe(10);
  });

  it('names stay unique: create, patch and build refuse a taken name with 409 name_taken', async () => {
    const first = await builders.create(fx.alice, 'hooks', { method: 'manual', name: 'Main' });
    await builders.build(fx.alice, first.id);
    expect((await failure(builders.create(fx.alice, 'hooks', { method: 'manual', name: 'Main' }))).code).toBe(
      'name_taken',
    );
    const second = await builders.create(fx.alice, 'hooks', { method: 'manual', name: 'Second' });
    expect((await failure(builders.patch(fx.alice, second.id, { name: ' Main ' }))).code).toBe('name_taken');
    // A name taken between patch and build is refused at build, atomically.
    const subscriptions = new SubscriptionService(fx.options);
    const third = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    await builders.build(fx.alice, third.id);
    await subscriptions.update(fx.alice, third.id, { name: 'Second' });
    const error = await failure(builders.build(fx.alice, second.id));
    expect(error.status).toBe(409);
    expect(error.code).toBe('name_taken');
  });

  it('an expired builder is refused with 410 saying builders expire after 30 minutes', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    fx.clock.advance(30 * 60 * 1000);
    for (const call of [
      builders.get(fx.alice, created.id),
      builders.patch(fx.alice, created.id, { name: 'x' }),
      builders.build(fx.alice, created.id),
      builders.logs(fx.alice, created.id, { limit: 10 }),
    ]) {
      const error = await failure(call);
      expect(error.status).toBe(410);
      expect(error.code).toBe('builder_expired');
      expect(error.message).toContain('30 minutes');
    }
  });

  it('logs lists the requests the builder endpoint received', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    const first = await fx.writeLog(created.id);
    const second = await fx.writeLog(created.id, { outcome: 'unauthorized', dispatchState: 'none' });
    const page = await builders.logs(fx.alice, created.id, { limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([second, first]);
    expect(page.nextCursor).toBeNull();
  });

  it('another workspace gets 404 for every builder method', async () => {
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    for (const call of [
      builders.get(fx.bob, created.id),
      builders.patch(fx.bob, created.id, { name: 'mine' }),
      builders.logs(fx.bob, created.id, { limit: 10 }),
      builders.build(fx.bob, created.id),
    ]) {
      const error = await failure(call);
      expect(error.status).toBe(404);
      expect(error.message).not.toContain('webhook_secret');
    }
    expect((await builders.get(fx.alice, created.id)).name).toBeNull();
  });
});
