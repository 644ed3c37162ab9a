import { ExternalServiceError, MASKED_SECRET } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.js';
import { SubscriptionLimitError } from '../domain/errors.js';
import type { Store } from '../store/store.js';
import { BuilderService } from './builder-service.js';
import {
  failure,
  type SubscriptionFixture,
  useSubscriptionFixture,
} from './subscription-fixture.test-helpers.js';

describe('BuilderService with automatic methods', () => {
  let fx: SubscriptionFixture;
  let builders: BuilderService;

  /** An api-key builder of alice's with a repository and the given token. */
  async function apiKeyBuilder(token = 'good-token', repository = 'octo/alpha', name?: string) {
    const created = await builders.create(fx.alice, 'hookhub', {
      method: 'api-key',
      ...(name ? { name } : {}),
    });
    await builders.patch(fx.alice, created.id, {
      parameters: { repository, events: ['push', 'issues'] },
      credentials: { access_token: token },
    });
    return created;
  }

  useSubscriptionFixture((opened) => {
    fx = opened;
    builders = new BuilderService(fx.options);
  });

  it('verify answers ok for credentials the external system accepts', async () => {
    const created = await apiKeyBuilder();
    expect(await builders.verify(fx.alice, created.id)).toEqual({ ok: true });
    expect(fx.host.callsOf('validateCredentials')).toHaveLength(1);
  });

  it('verify answers 400 invalid_credentials with what the external system said', async () => {
    const created = await apiKeyBuilder('revoked-token');
    const error = await failure(builders.verify(fx.alice, created.id));
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_credentials');
    expect(error.message).toContain('HookHub refused the credentials');
    expect(error.message).toContain('Bad credentials');
    expect(error.message).not.toContain('revoked-token');
  });

  it('verify without credentials answers 400 naming the field to set, and for oauth to authorize first', async () => {
    const apiKey = await builders.create(fx.alice, 'hookhub', { method: 'api-key' });
    const missing = await failure(builders.verify(fx.alice, apiKey.id));
    expect(missing.status).toBe(400);
    expect(missing.code).toBe('missing_credentials');
    expect(missing.message).toContain('credentials.access_token');
    expect(missing.message).toContain(`PATCH /api/v1/subscription-builders/${apiKey.id}`);

    const oauth = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    expect(oauth.credential).toBeNull();
    const unauthorized = await failure(builders.verify(fx.alice, oauth.id));
    expect(unauthorized.status).toBe(400);
    expect(unauthorized.code).toBe('not_authorized');
    expect(unauthorized.message).toContain('authorize first');
    expect(fx.host.calls).toEqual([]);
  });

  it('an oauth builder reuses the credential the workspace saved, and verify uses its tokens', async () => {
    const saved = await fx.saveCredential(fx.alice);
    const created = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    expect(created.credential).toEqual({ id: saved.id, status: 'active', expiresAt: null });
    expect(created.hasCredentials).toBe(true);
    expect(JSON.stringify(created)).not.toContain('good-token');
    expect(await builders.verify(fx.alice, created.id)).toEqual({ ok: true });
    // Another workspace's saved credential is not reused.
    expect((await builders.create(fx.bob, 'hookhub', { method: 'oauth' })).credential).toBeNull();
  });

  it('an oauth builder refuses credentials in a PATCH and says to authorize instead', async () => {
    const created = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    const error = await failure(
      builders.patch(fx.alice, created.id, { credentials: { access_token: 'good-token' } }),
    );
    expect(error.status).toBe(400);
    expect(error.message).toContain('authorize instead');
  });

  it('options lists the choices of a dynamic-select parameter with the builder credentials', async () => {
    const created = await apiKeyBuilder();
    const answer = await builders.parameterOptions(fx.alice, created.id, 'repository');
    expect(answer.options).toEqual([
      { value: 'octo/alpha', label: 'octo/alpha' },
      { value: 'octo/beta', label: 'octo/beta' },
      { value: 'octo/gamma', label: 'octo/gamma' },
    ]);
  });

  it('options refuses unknown and non-dynamic parameters, naming the dynamic ones', async () => {
    const created = await apiKeyBuilder();
    const unknown = await failure(builders.parameterOptions(fx.alice, created.id, 'branch'));
    expect(unknown.status).toBe(404);
    expect(unknown.message).toContain('dynamic-select parameters: repository');
    const fixed = await failure(builders.parameterOptions(fx.alice, created.id, 'events'));
    expect(fixed.status).toBe(400);
    expect(fixed.message).toContain('dynamic-select parameters: repository');
    expect(fx.host.calls).toEqual([]);
  });

  it('build creates one webhook at the endpoint URL and stores it with the secret sealed and masked', async () => {
    const created = await apiKeyBuilder('good-token', 'octo/alpha', 'Alpha');
    const built = await builders.build(fx.alice, created.id);
    const hooks = fx.host.on('octo/alpha');
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({ url: created.endpoint, events: ['push', 'issues'], active: true });
    expect(built).toMatchObject({
      id: created.id,
      endpoint: created.endpoint,
      name: 'Alpha',
      method: 'api-key',
      status: 'active',
      properties: { hook_id: String(hooks[0]?.id), repository: 'octo/alpha', webhook_secret: MASKED_SECRET },
      credential: null,
      hasCredentials: true,
    });
    const stored = await fx.store.subscriptions.get(fx.alice.workspaceId, created.id);
    expect(SecretBox.isSealed(stored?.properties.webhook_secret)).toBe(true);
    expect(fx.options.secretBox.open(String(stored?.properties.webhook_secret))).toBe(hooks[0]?.secret);
    expect(stored?.nextCheckAt?.getTime()).toBe(fx.clock.now() + 15 * 60_000);
    expect(stored?.checkFailures).toBe(0);
  });

  it('build of an oauth builder keeps the saved credential and shows it', async () => {
    const saved = await fx.saveCredential(fx.alice);
    const created = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    await builders.patch(fx.alice, created.id, { parameters: { repository: 'octo/beta' } });
    const built = await builders.build(fx.alice, created.id);
    expect(built.credential).toEqual({ id: saved.id, status: 'active', expiresAt: null });
    const stored = await fx.store.subscriptions.get(fx.alice.workspaceId, created.id);
    expect(stored).toMatchObject({ credentialId: saved.id, credentials: null, method: 'oauth' });
    expect(fx.host.on('octo/beta')).toHaveLength(1);
  });

  it('build of an oauth builder that was never authorized answers 400 before calling out', async () => {
    const created = await builders.create(fx.alice, 'hookhub', { method: 'oauth' });
    await builders.patch(fx.alice, created.id, { parameters: { repository: 'octo/beta' } });
    const error = await failure(builders.build(fx.alice, created.id));
    expect(error.status).toBe(400);
    expect(error.message).toContain('authorize first');
    expect(fx.host.calls).toEqual([]);
  });

  it('build refuses a local TRIGGER_URL with what to do, unless local callbacks are allowed', async () => {
    const local = new BuilderService({
      ...fx.options,
      config: { triggerUrl: 'http://localhost:5001', allowLocalCallbacks: false, env: {} },
    });
    const created = await apiKeyBuilder();
    const error = await failure(local.build(fx.alice, created.id));
    expect(error.status).toBe(400);
    expect(error.code).toBe('callback_url_unreachable');
    expect(error.message).toContain('TRIGGER_URL is http://localhost:5001');
    expect(error.message).toContain('TRIPLINE_ALLOW_LOCAL_CALLBACKS=1');
    expect(fx.host.calls).toEqual([]);

    const allowed = new BuilderService({
      ...fx.options,
      config: { triggerUrl: 'http://127.0.0.1:5001', allowLocalCallbacks: true, env: {} },
    });
    const built = await allowed.build(fx.alice, created.id);
    expect(fx.host.on('octo/alpha')[0]?.url).toBe(`http://127.0.0.1:5001/triggers/plugin/${built.id}`);
  });

  it('build answers the external failure (bad token 400, outage 502) and leaves the builder as it was', async () => {
    const created = await apiKeyBuilder('revoked-token');
    const refused = await failure(builders.build(fx.alice, created.id));
    expect(refused.status).toBe(400);
    expect(refused.code).toBe('invalid_credentials');
    fx.host.fail('subscribe', new ExternalServiceError('Validation Failed: hook limit reached', 422), 1);
    await builders.patch(fx.alice, created.id, { credentials: { access_token: 'good-token' } });
    const outage = await failure(builders.build(fx.alice, created.id));
    expect(outage.status).toBe(502);
    expect(outage.message).toContain('hook limit reached');
    expect(await fx.store.subscriptions.get(fx.alice.workspaceId, created.id)).toBeUndefined();
    expect((await builders.get(fx.alice, created.id)).id).toBe(created.id);
  });

  it('a build refused outright forgets that it started; one that may have left a webhook keeps the mark', async () => {
    const created = await apiKeyBuilder('revoked-token');
    const mark = async () => (await fx.store.builders.get(fx.alice.workspaceId, created.id))?.buildStartedAt;
    expect((await failure(builders.build(fx.alice, created.id))).status).toBe(400);
    expect(await mark()).toBeNull();
    await builders.patch(fx.alice, created.id, { credentials: { access_token: 'good-token' } });
    fx.host.fail('subscribe', new ExternalServiceError('Server Error', 500), 1);
    expect((await failure(builders.build(fx.alice, created.id))).status).toBe(502);
    expect(await mark()).toBeInstanceOf(Date);
    // Refused now, but the failed build before may have created a webhook: still marked.
    await builders.patch(fx.alice, created.id, { credentials: { access_token: 'revoked-token' } });
    expect((await failure(builders.build(fx.alice, created.id))).status).toBe(400);
    expect(await mark()).toBeInstanceOf(Date);
  });

  it('build at the subscription limit answers 409 without touching the external system', async () => {
    for (let i = 0; i < 10; i += 1) {
      const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
      await builders.build(fx.alice, created.id);
    }
    for (let i = 0; i < 10; i += 1) await builders.build(fx.alice, (await apiKeyBuilder()).id);
    fx.host.calls.length = 0;
    const eleventh = await apiKeyBuilder();
    const error = await failure(builders.build(fx.alice, eleventh.id));
    expect(error.status).toBe(409);
    expect(error.code).toBe('subscription_limit');
    expect(fx.host.callsOf('subscribe')).toEqual([]);
  });

  it('build removes the webhook again when the subscription cannot be stored', async () => {
    await builders.build(fx.alice, (await apiKeyBuilder('good-token', 'octo/alpha')).id);
    const second = await apiKeyBuilder('good-token', 'octo/beta');
    // Another build took the last place between the pre-check and the store.
    const racing = new BuilderService({ ...fx.options, store: refusingStore(fx.store) });
    const error = await failure(racing.build(fx.alice, second.id));
    expect(error.status).toBe(409);
    expect(error.code).toBe('subscription_limit');
    expect(fx.host.callsOf('subscribe')).toHaveLength(2);
    expect(fx.host.on('octo/beta')).toEqual([]);
    expect(fx.host.callsOf('unsubscribe')).toHaveLength(1);
    expect(fx.host.on('octo/alpha')).toHaveLength(1);
    expect((await builders.get(fx.alice, second.id)).id).toBe(second.id);
  });

  it('a webhook that cannot be removed after a failed store is logged by id for removal by hand, secret masked', async () => {
    const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
    const record = (level: string) => (fields: object, message?: string) => {
      lines.push({ level, fields: fields as Record<string, unknown>, message: message ?? '' });
    };
    const logger = {
      debug: record('debug'),
      info: record('info'),
      warn: record('warn'),
      error: record('error'),
    };
    const second = await apiKeyBuilder('good-token', 'octo/beta');
    fx.host.fail('unsubscribe', new ExternalServiceError('Server Error', 500));
    const racing = new BuilderService({ ...fx.options, logger, store: refusingStore(fx.store) });
    expect((await failure(racing.build(fx.alice, second.id))).code).toBe('subscription_limit');
    const [left] = fx.host.on('octo/beta');
    const logged = lines.find((line) => line.level === 'error');
    expect(logged?.message).toContain('remove it by hand in HookHub');
    expect(logged?.fields.webhook).toEqual({
      hook_id: String(left?.id),
      repository: 'octo/beta',
      webhook_secret: MASKED_SECRET,
    });
    expect(String(logged?.fields.problem)).toContain('Server Error');
    expect(JSON.stringify(lines)).not.toContain(String(left?.secret));
  });
});

/** The store, except that creating a subscription meets the limit, as a concurrent build could make it. */
function refusingStore(store: Store): Store {
  const subscriptions = delegate(store.subscriptions, {
    createFromBuilder: async () => {
      throw new SubscriptionLimitError('hookhub', 10);
    },
  });
  return delegate(store, { subscriptions });
}

/** `target` with some members replaced; the others answer from it, bound to it. */
function delegate<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(object, property) {
      if (property in overrides) return overrides[property as keyof T];
      const value: unknown = Reflect.get(object, property, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
  });
}
