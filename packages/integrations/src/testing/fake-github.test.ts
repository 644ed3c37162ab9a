import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './index.js';
import { startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.test-helpers.js';

let fake: FakeGitHub;
let receiver: WebhookReceiver;
let token: string;

beforeAll(async () => {
  fake = await startFakeGitHub({ sendPing: true });
  receiver = await startWebhookReceiver();
  ({ token } = fake.addUser({ login: 'octocat' }));
  for (let index = 1; index <= 5; index++) fake.addRepository({ fullName: `octocat/r${index}` });
  fake.addRepository({ fullName: 'octocat/secret', private: true });
});
afterEach(() => {
  receiver.received.length = 0;
});
afterAll(async () => {
  await fake.close();
  await receiver.close();
});

async function call(path: string, init: RequestInit & { token?: string | null } = {}) {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  const auth = init.token === undefined ? token : init.token;
  if (auth !== null) headers.authorization = `Bearer ${auth}`;
  if (init.body) headers['content-type'] = 'application/json';
  const response = await fetch(`${fake.apiUrl}${path}`, { ...init, headers });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as unknown) : undefined,
  };
}

const createHook = (
  repository: string,
  config: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) =>
  call(`/repos/${repository}/hooks`, {
    method: 'POST',
    body: JSON.stringify({ name: 'web', config, ...extra }),
  });

describe('fake GitHub API', () => {
  it('serves the API under /api/v3 like GitHub Enterprise Server', () => {
    expect(fake.apiUrl).toBe(`${fake.webUrl}/api/v3`);
    expect(fake.webUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers GET /user with the user and the token scopes', async () => {
    const answer = await call('/user');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ login: 'octocat', type: 'User' });
    expect(answer.headers.get('x-oauth-scopes')).toBe('repo, admin:repo_hook');
    expect(answer.headers.get('x-ratelimit-remaining')).toBe('4999');
  });

  it('answers unknown and missing tokens with GitHub error bodies', async () => {
    expect(await call('/user', { token: 'ghp_nope' })).toMatchObject({
      status: 401,
      body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' },
    });
    expect((await call('/user', { token: null })).body).toMatchObject({ message: 'Requires authentication' });
  });

  it('paginates /user/repos with Link headers formatted as GitHub formats them', async () => {
    const first = await call('/user/repos?per_page=2');
    expect((first.body as { full_name: string }[]).map((repository) => repository.full_name)).toEqual([
      'octocat/r1',
      'octocat/r2',
    ]);
    const base = `${fake.apiUrl}/user/repos`;
    expect(first.headers.get('link')).toBe(
      `<${base}?per_page=2&page=2>; rel="next", <${base}?per_page=2&page=3>; rel="last"`,
    );
    const middle = await call('/user/repos?per_page=2&page=2');
    expect(middle.headers.get('link')).toBe(
      `<${base}?per_page=2&page=1>; rel="prev", <${base}?per_page=2&page=3>; rel="next", ` +
        `<${base}?per_page=2&page=3>; rel="last", <${base}?per_page=2&page=1>; rel="first"`,
    );
    const last = await call('/user/repos?per_page=2&page=3');
    expect((last.body as unknown[]).length).toBe(2);
    expect(last.headers.get('link')).not.toContain('rel="next"');
  });

  it('caps per_page at 100 and defaults it to 30', async () => {
    for (let index = 0; index < 120; index++)
      fake.addRepository({ fullName: `bulk-${index}/repo`, login: 'octocat' });
    expect(((await call('/user/repos?per_page=500')).body as unknown[]).length).toBe(100);
    expect(((await call('/user/repos')).body as unknown[]).length).toBe(30);
  });

  it('creates a webhook, masks its secret, and refuses a second one for the same URL', async () => {
    const url = receiver.url('/hooks/one');
    const created = await createHook(
      'octocat/r1',
      { url, content_type: 'json', secret: 's3cret' },
      { events: ['push'] },
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ type: 'Repository', name: 'web', active: true, events: ['push'] });
    expect((created.body as { config: unknown }).config).toEqual({
      content_type: 'json',
      insecure_ssl: '0',
      url,
      secret: '********',
    });
    const duplicate = await createHook('octocat/r1', { url });
    expect(duplicate).toMatchObject({
      status: 422,
      body: {
        message: 'Validation Failed',
        errors: [{ resource: 'Hook', code: 'custom', message: 'Hook already exists on this repository' }],
      },
    });
    await fake.idle();
  });

  it('applies GitHub defaults: form content and push only', async () => {
    const created = await createHook('octocat/r2', { url: receiver.url('/hooks/defaults') });
    expect(created.body).toMatchObject({ events: ['push'], config: { content_type: 'form' } });
    await fake.idle();
  });

  it('refuses unknown events and events of GitHub Apps only', async () => {
    const answer = await createHook(
      'octocat/r1',
      { url: receiver.url('/hooks/bad') },
      { events: ['push', 'installation'] },
    );
    expect(answer).toMatchObject({ status: 422, body: { errors: [{ field: 'events' }] } });
  });

  it('sends a signed ping to a new webhook', async () => {
    const created = await createHook(
      'octocat/r3',
      { url: receiver.url('/hooks/ping'), content_type: 'json', secret: 'ping-secret' },
      { events: ['issues'] },
    );
    await fake.idle();
    const [ping] = receiver.received;
    if (!ping) throw new Error('no ping arrived');
    expect(ping.headers).toMatchObject({
      'x-github-event': 'ping',
      'x-github-hook-id': String((created.body as { id: number }).id),
      'x-github-hook-installation-target-type': 'repository',
      'content-type': 'application/json',
    });
    expect(ping.headers['user-agent']).toMatch(/^GitHub-Hookshot\/[0-9a-f]{7}$/);
    expect(ping.headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', 'ping-secret').update(ping.body).digest('hex')}`,
    );
    expect(JSON.parse(new TextDecoder().decode(ping.body))).toMatchObject({
      zen: expect.any(String),
      hook_id: expect.any(Number),
    });
  });

  it('delivers form-encoded payloads to form webhooks, and refuses events the webhook does not take', async () => {
    const created = await createHook(
      'octocat/r4',
      { url: receiver.url('/hooks/form'), secret: 'f' },
      { events: ['push'] },
    );
    await fake.idle();
    receiver.received.length = 0;
    const hookId = (created.body as { id: number }).id;
    const delivery = await fake.deliver({
      fullName: 'octocat/r4',
      event: 'push',
      payload: { ref: 'refs/heads/main' },
    });
    expect(delivery).toMatchObject({ hookId, event: 'push', status: 200 });
    const body = new TextDecoder().decode(receiver.received[0]?.body);
    expect(JSON.parse(new URLSearchParams(body).get('payload') ?? '')).toEqual({ ref: 'refs/heads/main' });
    await expect(
      fake.deliver({ fullName: 'octocat/r4', hookId, event: 'issues', payload: {} }),
    ).rejects.toThrow('does not take issues');
  });

  it('updates, reads and deletes a webhook; PATCH config without secret removes it', async () => {
    const created = await createHook('octocat/r5', { url: receiver.url('/hooks/edit'), secret: 'x' });
    await fake.idle();
    const id = (created.body as { id: number }).id;
    const patched = await call(`/repos/octocat/r5/hooks/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({
        add_events: ['issues'],
        active: false,
        config: { url: receiver.url('/hooks/edit2') },
      }),
    });
    expect(patched.body).toMatchObject({
      active: false,
      events: ['push', 'issues'],
      config: { url: receiver.url('/hooks/edit2') },
    });
    expect(fake.hooks('octocat/r5')[0]?.secret).toBeUndefined();
    expect((await call(`/repos/octocat/r5/hooks/${id}`)).status).toBe(200);
    expect((await call(`/repos/octocat/r5/hooks/${id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await call(`/repos/octocat/r5/hooks/${id}`)).status).toBe(404);
  });

  it('hides webhooks from users without admin rights and tokens without a hook scope', async () => {
    const { token: writer } = fake.addUser({ login: 'writer' });
    fake.grantAccess({ fullName: 'octocat/r1', login: 'writer', permission: 'write' });
    expect((await call('/repos/octocat/r1/hooks', { token: writer })).status).toBe(404);
    const gist = fake.issueToken({ login: 'octocat', scopes: ['gist'] });
    const denied = await call('/repos/octocat/r1/hooks', { token: gist });
    expect(denied.status).toBe(404);
    expect(denied.headers.get('x-accepted-oauth-scopes')).toBe(
      'admin:repo_hook, public_repo, read:repo_hook, repo, write:repo_hook',
    );
    const publicOnly = fake.issueToken({ login: 'octocat', scopes: ['public_repo'] });
    expect((await call('/repos/octocat/secret/hooks', { token: publicOnly })).status).toBe(404);
    expect((await call('/repos/octocat/secret/hooks')).status).toBe(200);
  });

  it('answers 403 with the permission a fine-grained token lacks', async () => {
    const fine = fake.issueToken({ login: 'octocat', fineGrained: { webhooks: 'none' } });
    const answer = await call('/repos/octocat/r1/hooks', { token: fine });
    expect(answer.status).toBe(403);
    expect(answer.body).toMatchObject({ message: 'Resource not accessible by personal access token' });
    expect(answer.headers.get('x-accepted-github-permissions')).toBe('webhooks=read');
    expect(answer.headers.get('x-oauth-scopes')).toBeNull();
  });

  it('injects failures for matching calls only, and rate limits until restored', async () => {
    fake.failNext({ status: 503, method: 'DELETE' });
    expect((await call('/user')).status).toBe(200);
    expect((await call('/repos/octocat/r1/hooks/1', { method: 'DELETE' })).status).toBe(503);
    fake.exhaustRateLimit();
    const limited = await call('/user');
    expect(limited.status).toBe(403);
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    fake.restoreRateLimit();
    expect((await call('/user')).status).toBe(200);
  });

  it('logs method, path and status of every call without tokens', async () => {
    fake.clearRequests();
    await call('/user/repos?per_page=1');
    expect(fake.requests).toEqual([
      { method: 'GET', path: '/api/v3/user/repos', query: { per_page: '1' }, status: 200 },
    ]);
    expect(JSON.stringify(fake.requests)).not.toContain(token);
  });
});
