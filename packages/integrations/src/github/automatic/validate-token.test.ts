import { CredentialsError, ExternalServiceError } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../testing/index.js';
import { github } from '../github-integration.js';
import { failureOf, githubContext } from './github-context.test-helpers.js';
import { parseScopes } from './validate-token.js';

let fake: FakeGitHub;

beforeAll(async () => {
  fake = await startFakeGitHub();
});
afterAll(() => fake.close());

function validate(accessToken: string) {
  const validateCredentials = github.validateCredentials;
  if (!validateCredentials) throw new Error('validateCredentials is missing');
  const context = githubContext(fake);
  return { context, done: validateCredentials({ credentials: { access_token: accessToken }, context }) };
}

describe('validateCredentials', () => {
  it('accepts a classic token with repo and admin:repo_hook and never logs it', async () => {
    const { token } = fake.addUser({ login: 'valid-user' });
    const { context, done } = validate(token);
    await expect(done).resolves.toBeUndefined();
    expect(fake.requests.at(-1)).toMatchObject({ method: 'GET', path: '/api/v3/user', status: 200 });
    expect(JSON.stringify(context.logs)).not.toContain(token);
  });

  it('accepts a fine-grained token, which carries no X-OAuth-Scopes', async () => {
    const { token } = fake.addUser({ login: 'fine-user', fineGrained: { webhooks: 'write' } });
    await expect(validate(token).done).resolves.toBeUndefined();
  });

  it.each([['admin:repo_hook'], ['repo'], ['public_repo']])(
    'accepts a classic token with only %s',
    async (scope) => {
      const token = fake.issueToken({ login: 'valid-user', scopes: [scope] });
      await expect(validate(token).done).resolves.toBeUndefined();
    },
  );

  it('refuses a token GitHub does not know with GitHub own words', async () => {
    const error = await failureOf(validate('ghp_notARealTokenAtAll000000000000000000').done);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe('GitHub refused the token: Bad credentials');
  });

  it('refuses a revoked token', async () => {
    const token = fake.issueToken({ login: 'valid-user' });
    fake.revokeToken(token);
    expect(await failureOf(validate(token).done)).toBeInstanceOf(CredentialsError);
  });

  it('names the missing scope of a token that cannot manage webhooks', async () => {
    const token = fake.issueToken({ login: 'valid-user', scopes: ['read:user', 'gist'] });
    const error = await failureOf(validate(token).done);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('only read:user, gist');
    expect(error.message).toContain('admin:repo_hook');
  });

  it('explains that write:repo_hook cannot delete webhooks', async () => {
    const token = fake.issueToken({ login: 'valid-user', scopes: ['write:repo_hook'] });
    const error = await failureOf(validate(token).done);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('can create webhooks but not delete them');
  });

  it('refuses a token without any scope', async () => {
    const token = fake.issueToken({ login: 'valid-user', scopes: [] });
    expect((await failureOf(validate(token).done)).message).toContain('the token has no scopes');
  });

  it('refuses an empty access_token before calling GitHub', async () => {
    fake.clearRequests();
    const error = await failureOf(validate('  ').done);
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('access_token is empty');
    expect(fake.requests).toEqual([]);
  });

  it('reports a rate limit with the time to retry', async () => {
    const { token } = fake.addUser({ login: 'limited-user' });
    fake.exhaustRateLimit();
    try {
      const error = await failureOf(validate(token).done);
      expect(error).toBeInstanceOf(ExternalServiceError);
      expect(error.message).toMatch(/API rate limit exceeded .*try again after \d{4}-\d\d-\d\dT/);
    } finally {
      fake.restoreRateLimit();
    }
  });

  it('reports a secondary rate limit with Retry-After in seconds', async () => {
    const { token } = fake.addUser({ login: 'secondary-user' });
    fake.failNext({
      status: 403,
      message: 'You have exceeded a secondary rate limit.',
      headers: { 'retry-after': '60' },
    });
    const error = await failureOf(validate(token).done);
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.message).toContain('try again in 60 seconds');
  });

  it('reports an outage of GitHub as an external failure', async () => {
    const { token } = fake.addUser({ login: 'outage-user' });
    fake.failNext({ status: 502 });
    const error = await failureOf(validate(token).done);
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.status).toBe(502);
  });
});

describe('parseScopes', () => {
  it('reads the X-OAuth-Scopes header as GitHub writes it', () => {
    expect(parseScopes('repo, admin:repo_hook')).toEqual(['repo', 'admin:repo_hook']);
    expect(parseScopes('')).toEqual([]);
  });
});
