import { CredentialsError, IntegrationError, type ParameterValues } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../testing/index.js';
import { github } from '../github-integration.js';
import { failureOf, githubContext } from './github-context.test-helpers.js';

let fake: FakeGitHub;
let token: string;
let endpointCount = 0;
const parameters = { repository: 'octocat/hello', events: ['issues', 'push'] };

beforeAll(async () => {
  fake = await startFakeGitHub();
  ({ token } = fake.addUser({ login: 'octocat' }));
  fake.addRepository({ fullName: 'octocat/hello' });
});
afterAll(() => fake.close());

function hooks() {
  const { subscribe, unsubscribe, inspectWebhook } = github;
  if (!subscribe || !unsubscribe || !inspectWebhook) throw new Error('automatic hooks are missing');
  return { subscribe, unsubscribe, inspect: inspectWebhook };
}

/** A subscription with its own endpoint, as the server makes one. */
async function subscribed(accessToken = token) {
  endpointCount += 1;
  const endpointUrl = `https://tripline.example.test/triggers/plugin/endpoint-${endpointCount}`;
  const credentials = { access_token: accessToken };
  const context = githubContext(fake);
  const { properties } = await hooks().subscribe({ endpointUrl, parameters, credentials, context });
  const existing = (props: ParameterValues = properties) => ({
    endpointUrl,
    parameters,
    properties: props,
    credentials,
    context,
  });
  return { endpointUrl, properties, hookId: Number(properties.hook_id), existing };
}

describe('unsubscribe', () => {
  it('deletes the webhook, and a second call finds it gone and still succeeds', async () => {
    const { hookId, existing } = await subscribed();
    await hooks().unsubscribe(existing());
    expect(fake.hooks('octocat/hello').some((hook) => hook.id === hookId)).toBe(false);
    fake.clearRequests();
    await expect(hooks().unsubscribe(existing())).resolves.toBeUndefined();
    // The 404 is taken for "gone" only because the token can still list the webhooks.
    expect(fake.requests.map(({ method, status }) => ({ method, status }))).toEqual([
      { method: 'DELETE', status: 404 },
      { method: 'GET', status: 200 },
    ]);
  });

  it('refuses to call a webhook gone when the token can no longer administer the repository', async () => {
    const { hookId, existing } = await subscribed();
    const { token: outsider } = fake.addUser({ login: 'outsider' });
    const error = await failureOf(
      hooks().unsubscribe({ ...existing(), credentials: { access_token: outsider } }),
    );
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error.code).toBe('hook_unverifiable');
    expect(error.message).toContain('can no longer administer the repository');
    expect(error.message).toContain(`/octocat/hello/settings/hooks/${hookId}`);
    expect(fake.hooks('octocat/hello').some((hook) => hook.id === hookId)).toBe(true);
  });

  it('throws when GitHub refuses the token, so the webhook is not forgotten', async () => {
    const revocable = fake.issueToken({ login: 'octocat' });
    const { existing, hookId } = await subscribed(revocable);
    fake.revokeToken(revocable);
    expect(await failureOf(hooks().unsubscribe(existing()))).toBeInstanceOf(CredentialsError);
    expect(fake.hooks('octocat/hello').some((hook) => hook.id === hookId)).toBe(true);
  });
});

describe('unsubscribe without a stored hook id (a build that never stored what subscribe returned)', () => {
  /** Creates webhooks on a repository as someone else would, each delivering to its own URL. */
  async function createHooks(fullName: string, urls: readonly string[]): Promise<void> {
    for (const url of urls) {
      const created = await fetch(`${fake.apiUrl}/repos/${fullName}/hooks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'web', events: ['push'], config: { url, content_type: 'json' } }),
      });
      expect(created.status).toBe(201);
    }
  }

  const calls = () => fake.requests.map(({ method, status }) => ({ method, status }));

  it('deletes the webhook that delivers to the endpoint URL and leaves the others', async () => {
    const mine = await subscribed();
    const other = await subscribed();
    fake.clearRequests();
    await hooks().unsubscribe(mine.existing({}));
    const left = fake.hooks('octocat/hello').map((hook) => hook.id);
    expect(left).not.toContain(mine.hookId);
    expect(left).toContain(other.hookId);
    expect(calls()).toEqual([
      { method: 'GET', status: 200 },
      { method: 'DELETE', status: 204 },
    ]);
  });

  it('finds the webhook past the first page of the list', async () => {
    fake.addRepository({ fullName: 'octocat/crowded' });
    await createHooks(
      'octocat/crowded',
      Array.from({ length: 100 }, (_, i) => `https://elsewhere.example.test/hook/${i}`),
    );
    const endpointUrl = 'https://tripline.example.test/triggers/plugin/crowded-endpoint';
    await createHooks('octocat/crowded', [endpointUrl]);
    fake.clearRequests();
    await hooks().unsubscribe({
      endpointUrl,
      parameters: { repository: 'octocat/crowded', events: ['push'] },
      properties: {},
      credentials: { access_token: token },
      context: githubContext(fake),
    });
    const left = fake.hooks('octocat/crowded');
    expect(left).toHaveLength(100);
    expect(left.some((hook) => hook.url === endpointUrl)).toBe(false);
    expect(calls()).toEqual([
      { method: 'GET', status: 200 },
      { method: 'GET', status: 200 },
      { method: 'DELETE', status: 204 },
    ]);
  });

  it('removes nothing when no webhook delivers to the endpoint URL', async () => {
    const { existing } = await subscribed();
    const before = fake.hooks('octocat/hello');
    fake.clearRequests();
    await hooks().unsubscribe({
      ...existing({}),
      endpointUrl: 'https://tripline.example.test/triggers/plugin/none',
    });
    expect(fake.hooks('octocat/hello')).toEqual(before);
    expect(calls()).toEqual([{ method: 'GET', status: 200 }]);
  });

  it('succeeds twice at once, the webhook deleted once', async () => {
    const { existing, hookId } = await subscribed();
    await Promise.all([hooks().unsubscribe(existing({})), hooks().unsubscribe(existing({}))]);
    expect(fake.hooks('octocat/hello').some((hook) => hook.id === hookId)).toBe(false);
  });

  it('refuses to call the webhook gone when the token can no longer list the webhooks', async () => {
    const { existing, hookId, endpointUrl } = await subscribed();
    const { token: outsider } = fake.addUser({ login: 'stranger' });
    const error = await failureOf(
      hooks().unsubscribe({ ...existing({}), credentials: { access_token: outsider } }),
    );
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error.code).toBe('hook_unverifiable');
    expect(error.message).toContain(`a webhook delivering to ${endpointUrl} may still be there`);
    expect(error.message).toContain('/octocat/hello/settings/hooks and delete it there');
    expect(fake.hooks('octocat/hello').some((hook) => hook.id === hookId)).toBe(true);
  });
});

describe('inspect', () => {
  it('finds a fresh webhook healthy', async () => {
    const { existing } = await subscribed();
    await expect(hooks().inspect(existing())).resolves.toEqual({ state: 'healthy' });
  });

  it('finds a webhook deleted by hand missing, and subscribe creates it again', async () => {
    const { existing, hookId } = await subscribed();
    fake.deleteHookBehindOurBack('octocat/hello', hookId);
    const found = await hooks().inspect(existing());
    expect(found).toEqual({
      state: 'missing',
      reason: `webhook ${hookId} no longer exists on octocat/hello (or the token lost admin rights on it)`,
    });
    const again = await hooks().subscribe(existing());
    await expect(hooks().inspect(existing(again.properties))).resolves.toEqual({ state: 'healthy' });
  });

  it('finds a webhook changed by hand drifted, saying what changed, and subscribe corrects it', async () => {
    const { existing, hookId, endpointUrl } = await subscribed();
    fake.changeHookBehindOurBack('octocat/hello', hookId, {
      url: 'https://elsewhere.example.test/hook',
      active: false,
      events: ['push', 'star'],
    });
    const found = await hooks().inspect(existing());
    expect(found).toEqual({
      state: 'drifted',
      reason:
        `webhook ${hookId} on octocat/hello delivers to https://elsewhere.example.test/hook instead of ${endpointUrl}; ` +
        'is disabled; does not send issues; also sends star',
    });
    // The URL changed, so GitHub sees no duplicate: a new webhook is made, the old one is left to its owner.
    const again = await hooks().subscribe(existing());
    await expect(hooks().inspect(existing(again.properties))).resolves.toEqual({ state: 'healthy' });
  });

  it('finds a disabled webhook drifted and subscribe adopts it in place', async () => {
    const { existing, hookId } = await subscribed();
    fake.changeHookBehindOurBack('octocat/hello', hookId, { active: false });
    expect(await hooks().inspect(existing())).toMatchObject({
      state: 'drifted',
      reason: expect.stringContaining('is disabled'),
    });
    const again = await hooks().subscribe(existing());
    expect(again.properties.hook_id).toBe(String(hookId));
    await expect(hooks().inspect(existing(again.properties))).resolves.toEqual({ state: 'healthy' });
  });

  it('throws a credentials error for a revoked token instead of calling the webhook missing', async () => {
    const revocable = fake.issueToken({ login: 'octocat' });
    const { existing } = await subscribed(revocable);
    fake.revokeToken(revocable);
    const error = await failureOf(hooks().inspect(existing()));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe('GitHub refused the token: Bad credentials');
  });
});
