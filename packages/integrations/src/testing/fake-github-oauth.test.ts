import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from './index.js';

const callbackUrl = 'https://app.example.test/oauth/callback';
let fake: FakeGitHub;

beforeAll(async () => {
  fake = await startFakeGitHub();
  fake.addUser({ login: 'first' });
  fake.addUser({ login: 'second' });
  fake.registerOAuthApp({ clientId: 'app', clientSecret: 'shh', callbackUrl });
});
afterAll(() => fake.close());

async function authorize(
  query: Record<string, string>,
): Promise<{ status: number; location: URL | undefined }> {
  const response = await fetch(`${fake.webUrl}/login/oauth/authorize?${new URLSearchParams(query)}`, {
    redirect: 'manual',
  });
  await response.text();
  const location = response.headers.get('location');
  return { status: response.status, location: location ? new URL(location) : undefined };
}

async function exchange(
  body: string,
  headers: Record<string, string>,
): Promise<{ type: string; text: string }> {
  const response = await fetch(`${fake.webUrl}/login/oauth/access_token`, { method: 'POST', headers, body });
  expect(response.status).toBe(200);
  return { type: response.headers.get('content-type') ?? '', text: await response.text() };
}

describe('fake GitHub OAuth', () => {
  it('redirects back with a code and the state, below the registered callback', async () => {
    const { status, location } = await authorize({
      client_id: 'app',
      redirect_uri: `${callbackUrl}/sub?x=1`,
      state: 'abc',
    });
    expect(status).toBe(302);
    expect(`${location?.origin}${location?.pathname}`).toBe(`${callbackUrl}/sub`);
    expect(location?.searchParams.get('x')).toBe('1');
    expect(location?.searchParams.get('state')).toBe('abc');
    expect(location?.searchParams.get('code')).toMatch(/^[0-9a-f]{20}$/);
  });

  it('sends a foreign redirect_uri back to the registered callback with redirect_uri_mismatch', async () => {
    const { location } = await authorize({
      client_id: 'app',
      redirect_uri: 'https://evil.example.test/cb',
      state: 's',
    });
    expect(`${location?.origin}${location?.pathname}`).toBe(callbackUrl);
    expect(location?.searchParams.get('error')).toBe('redirect_uri_mismatch');
  });

  it('refuses a plain PKCE challenge and reports a denial as access_denied', async () => {
    const plain = await authorize({
      client_id: 'app',
      state: 's',
      code_challenge: 'x',
      code_challenge_method: 'plain',
    });
    expect(plain.location?.searchParams.get('error')).toBe('invalid_request');
    fake.denyAuthorizations(true);
    try {
      const denied = await authorize({ client_id: 'app', state: 's' });
      expect(denied.location?.searchParams.get('error')).toBe('access_denied');
    } finally {
      fake.denyAuthorizations(false);
    }
  });

  it('answers an unknown client with 404', async () => {
    expect((await authorize({ client_id: 'nobody' })).status).toBe(404);
  });

  it('answers the token request as a form unless JSON is asked for, and takes a JSON body', async () => {
    fake.signInAs('second');
    const first = await authorize({ client_id: 'app', scope: 'repo admin:repo_hook' });
    const code = first.location?.searchParams.get('code') ?? '';
    const form = await exchange(
      new URLSearchParams({ client_id: 'app', client_secret: 'shh', code }).toString(),
      {
        'content-type': 'application/x-www-form-urlencoded',
      },
    );
    expect(form.type).toContain('application/x-www-form-urlencoded');
    const fields = new URLSearchParams(form.text);
    expect(fields.get('token_type')).toBe('bearer');
    expect(fields.get('scope')).toBe('repo,admin:repo_hook');
    const user = await fetch(`${fake.apiUrl}/user`, {
      headers: { authorization: `token ${fields.get('access_token')}` },
    });
    expect(await user.json()).toMatchObject({ login: 'second' });

    const second = await authorize({ client_id: 'app' });
    const json = await exchange(
      JSON.stringify({
        client_id: 'app',
        client_secret: 'shh',
        code: second.location?.searchParams.get('code'),
      }),
      { 'content-type': 'application/json', accept: 'application/json' },
    );
    expect(JSON.parse(json.text)).toMatchObject({ access_token: expect.stringMatching(/^gho_/), scope: '' });
  });

  it('keeps codes, secrets and tokens out of the request log', async () => {
    fake.clearRequests();
    await exchange('', { accept: 'application/json' });
    await fetch(`${fake.webUrl}/login/oauth/access_token?client_secret=shh&code=abc`, { method: 'POST' });
    expect(fake.requests.map((request) => request.query)).toEqual([
      {},
      { client_secret: '[redacted]', code: '[redacted]' },
    ]);
  });
});
