import { CredentialsError, IntegrationError, type ParameterValues, systemClock } from '@tripline/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../testing/index.js';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver.test-helpers.js';
import { github } from '../github-integration.js';
import { failureOf, githubContext } from './github-context.test-helpers.js';

let fake: FakeGitHub;
let receiver: WebhookReceiver;
let token: string;
let endpointCount = 0;

beforeAll(async () => {
  fake = await startFakeGitHub();
  receiver = await startWebhookReceiver();
  ({ token } = fake.addUser({ login: 'octocat' }));
  fake.addRepository({ fullName: 'octocat/hello', private: true });
  fake.addUser({ login: 'other' });
  fake.addRepository({ fullName: 'other/pushable', login: 'octocat', admin: false });
});
afterEach(() => {
  receiver.received.length = 0;
});
afterAll(async () => {
  await fake.close();
  await receiver.close();
});

/** A fresh endpoint URL per test, as every subscription has its own. */
function newEndpoint(): string {
  endpointCount += 1;
  return receiver.url(`/triggers/plugin/endpoint-${endpointCount}`);
}

function subscribe(input: { endpointUrl: string; parameters?: ParameterValues; accessToken?: string }) {
  const hook = github.subscribe;
  if (!hook) throw new Error('subscribe is missing');
  return hook({
    endpointUrl: input.endpointUrl,
    parameters: input.parameters ?? { repository: 'octocat/hello', events: ['push', 'pull_request'] },
    credentials: { access_token: input.accessToken ?? token },
    context: githubContext(fake),
  });
}

describe('subscribe', () => {
  it('accepts the declared default events (every event a repository webhook can take)', async () => {
    const declared = github.subscription.constructorParameters.find(
      (parameter) => parameter.name === 'events',
    );
    const defaults = declared?.default;
    expect(Array.isArray(defaults) && defaults.length).toBeGreaterThan(40);
    const { properties } = await subscribe({
      endpointUrl: newEndpoint(),
      parameters: { repository: 'octocat/hello', events: defaults ?? [] },
    });
    const hook = fake.hooks('octocat/hello').find((candidate) => String(candidate.id) === properties.hook_id);
    expect(hook?.events).toEqual(defaults);
  });

  it('creates exactly one JSON webhook with our URL, events and a fresh secret', async () => {
    const endpointUrl = newEndpoint();
    const before = fake.hooks('octocat/hello').length;
    const { properties, expiresAt } = await subscribe({ endpointUrl });
    const hooks = fake.hooks('octocat/hello');
    expect(hooks).toHaveLength(before + 1);
    const hook = hooks.find((candidate) => String(candidate.id) === properties.hook_id);
    expect(hook).toMatchObject({
      url: endpointUrl,
      events: ['push', 'pull_request'],
      active: true,
      contentType: 'json',
      insecureSsl: '0',
    });
    expect(properties.webhook_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(hook?.secret).toBe(properties.webhook_secret);
    expect(properties).toMatchObject({
      repository: 'octocat/hello',
      hook_settings_url: `${fake.webUrl}/octocat/hello/settings/hooks/${properties.hook_id}`,
    });
    expect(expiresAt).toBeUndefined();
  });

  it('gets deliveries that the integration verifies with the returned secret, and only with it', async () => {
    const { properties } = await subscribe({ endpointUrl: newEndpoint() });
    const delivery = await fake.deliver({
      fullName: 'octocat/hello',
      hookId: Number(properties.hook_id),
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: 'octocat/hello' } },
    });
    expect(delivery.status).toBe(200);
    const [request] = receiver.received;
    if (!request) throw new Error('nothing was delivered');
    expect(request.headers['x-github-hook-id']).toBe(properties.hook_id);
    expect(github.verify({ request, properties, clock: systemClock })).toEqual({ ok: true });
    const parsed = github.parse(request);
    expect(parsed.ok && parsed.events.map((event) => event.name)).toEqual(['push']);
    const other = await subscribe({ endpointUrl: newEndpoint() });
    expect(github.verify({ request, properties: other.properties, clock: systemClock }).ok).toBe(false);
  });

  it('adopts the webhook that already points at its URL and rotates its secret', async () => {
    const endpointUrl = newEndpoint();
    const first = await subscribe({ endpointUrl });
    const hookId = Number(first.properties.hook_id);
    fake.changeHookBehindOurBack('octocat/hello', hookId, { active: false, events: ['issues'] });
    const second = await subscribe({ endpointUrl });
    const ours = fake.hooks('octocat/hello').filter((hook) => hook.url === endpointUrl);
    expect(ours).toHaveLength(1);
    expect(second.properties.hook_id).toBe(first.properties.hook_id);
    expect(second.properties.webhook_secret).not.toBe(first.properties.webhook_secret);
    expect(ours[0]).toMatchObject({
      active: true,
      events: ['push', 'pull_request'],
      secret: second.properties.webhook_secret,
    });
    expect(fake.requests.slice(-3).map((request) => `${request.method} ${request.status}`)).toEqual([
      'POST 422',
      'GET 200',
      'PATCH 200',
    ]);
  });

  it('says what to do when GitHub refuses to update the existing webhook', async () => {
    const endpointUrl = newEndpoint();
    const { properties } = await subscribe({ endpointUrl });
    fake.failNext({
      method: 'PATCH',
      status: 422,
      message: 'Validation Failed',
      errors: [{ resource: 'Hook', code: 'custom', message: 'Hook is locked' }],
    });
    const error = await failureOf(subscribe({ endpointUrl }));
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error.code).toBe('hook_conflict');
    expect(error.message).toBe(
      `a webhook for ${endpointUrl} already exists on octocat/hello (id ${properties.hook_id}) and could not be ` +
        `updated (Validation Failed: Hook is locked): delete it at ${fake.webUrl}/octocat/hello/settings/hooks/${properties.hook_id} and try again`,
    );
  });

  it('says what to do when GitHub reports a duplicate it does not list', async () => {
    fake.failNext({
      method: 'POST',
      status: 422,
      message: 'Validation Failed',
      errors: [{ resource: 'Hook', code: 'custom', message: 'Hook already exists on this repository' }],
    });
    const error = await failureOf(subscribe({ endpointUrl: newEndpoint() }));
    expect(error.code).toBe('hook_conflict');
    expect(error.message).toContain(
      `delete the webhook that points at this address at ${fake.webUrl}/octocat/hello/settings/hooks`,
    );
  });

  it('refuses a repository that is not owner/name before calling GitHub', async () => {
    fake.clearRequests();
    const error = await failureOf(
      subscribe({ endpointUrl: newEndpoint(), parameters: { repository: 'hello', events: ['push'] } }),
    );
    expect(error.code).toBe('invalid_repository');
    expect(error.message).toContain('owner/name');
    expect(fake.requests).toEqual([]);
  });

  it('refuses events a repository webhook cannot receive, naming them', async () => {
    const error = await failureOf(
      subscribe({
        endpointUrl: newEndpoint(),
        parameters: { repository: 'octocat/hello', events: ['push', 'installation'] },
      }),
    );
    expect(error.code).toBe('invalid_events');
    expect(error.message).toContain('cannot receive installation');
  });

  it('reports a repository the token cannot administer as not found', async () => {
    for (const repository of ['other/pushable', 'octocat/missing']) {
      const error = await failureOf(
        subscribe({ endpointUrl: newEndpoint(), parameters: { repository, events: ['push'] } }),
      );
      expect(error.code).toBe('repository_not_found');
      expect(error.message).toContain(
        `repository ${repository} not found, or the token cannot administer it`,
      );
    }
  });

  it('names the permission a fine-grained token lacks', async () => {
    const readOnly = fake.issueToken({ login: 'octocat', fineGrained: { webhooks: 'read' } });
    const error = await failureOf(subscribe({ endpointUrl: newEndpoint(), accessToken: readOnly }));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('webhooks=write');
  });

  it('creates the webhook with a fine-grained token that may write webhooks', async () => {
    const writer = fake.issueToken({ login: 'octocat', fineGrained: { webhooks: 'write' } });
    const { properties } = await subscribe({ endpointUrl: newEndpoint(), accessToken: writer });
    expect(properties.hook_id).toMatch(/^\d+$/);
  });
});
