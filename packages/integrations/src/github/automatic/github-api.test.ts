import { CredentialsError, ExternalServiceError, IntegrationError } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { createGitHubApi, nextPageUrl } from './github-api.js';
import { failureOf, githubContext } from './github-context.test-helpers.js';

const urls = { apiUrl: 'https://ghes.example.test/api/v3/', webUrl: 'https://ghes.example.test' };

/** An HTTP client that answers from a script and records what it was asked. */
function scripted(answers: readonly Response[]) {
  const calls: { url: string; init: RequestInit | undefined }[] = [];
  const http = async (url: string | URL, init?: RequestInit) => {
    calls.push({ url: String(url), init });
    const next = answers[calls.length - 1];
    if (!next) throw new Error(`unexpected call ${String(url)}`);
    return next;
  };
  return { calls, http };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('createGitHubApi', () => {
  it('sends the token, API version and user agent GitHub asks for, to the configured base', async () => {
    const { calls, http } = scripted([json(200, { login: 'octocat' })]);
    const api = createGitHubApi(githubContext(urls, { http }), 'ghp_secret');
    await api.request('GET', '/user', { call: { doing: 'checking' } });
    expect(calls[0]?.url).toBe('https://ghes.example.test/api/v3/user');
    expect(calls[0]?.init?.headers).toMatchObject({
      authorization: 'Bearer ghp_secret',
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'user-agent': 'Tripline',
    });
  });

  it('follows Link rel="next" until the last page', async () => {
    const { calls, http } = scripted([
      json(200, [1, 2], {
        link: '<https://ghes.example.test/api/v3/x?page=2>; rel="next", <https://ghes.example.test/api/v3/x?page=2>; rel="last"',
      }),
      json(200, [3], {
        link: '<https://ghes.example.test/api/v3/x?page=1>; rel="prev", <https://ghes.example.test/api/v3/x?page=1>; rel="first"',
      }),
    ]);
    const items = await createGitHubApi(githubContext(urls, { http }), 't').paginate('/x', {
      doing: 'listing',
    });
    expect(items).toEqual([1, 2, 3]);
    expect(calls).toHaveLength(2);
  });

  it('stops following pages at 50 and says so in the log, so a looping Link cannot run forever', async () => {
    const pages = Array.from({ length: 60 }, (_, index) =>
      json(200, [index], { link: '<https://ghes.example.test/api/v3/x?page=1>; rel="next"' }),
    );
    const { calls, http } = scripted(pages);
    const context = githubContext(urls, { http });
    const items = await createGitHubApi(context, 't').paginate('/x?per_page=100', { doing: 'listing' });
    expect(calls).toHaveLength(50);
    expect(items).toHaveLength(50);
    expect(context.logs).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'GitHub list cut off at the page limit' }),
    );
  });

  it('never sends the token to another host named in a Link header', async () => {
    const { calls, http } = scripted([
      json(200, [1], { link: '<https://evil.example.test/steal?page=2>; rel="next"' }),
    ]);
    const error = await failureOf(
      createGitHubApi(githubContext(urls, { http }), 't').paginate('/x', { doing: 'listing' }),
    );
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.message).toContain('the token is not sent there');
    expect(calls).toHaveLength(1);
  });

  it('maps a 403 with X-Accepted-GitHub-Permissions to the permission the token lacks', async () => {
    const { http } = scripted([
      json(
        403,
        { message: 'Resource not accessible by personal access token' },
        { 'x-accepted-github-permissions': 'webhooks=write' },
      ),
    ]);
    const error = await failureOf(
      createGitHubApi(githubContext(urls, { http }), 't').request('POST', '/repos/o/r/hooks', {
        call: { doing: 'creating' },
      }),
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('Resource not accessible by personal access token');
    expect(error.message).toContain('webhooks=write');
  });

  it('maps a 403 "Must have admin rights" with X-Accepted-OAuth-Scopes to the scopes it takes', async () => {
    const { http } = scripted([
      json(
        403,
        { message: 'Must have admin rights to Repository.' },
        { 'x-accepted-oauth-scopes': 'admin:repo_hook, repo' },
      ),
    ]);
    const error = await failureOf(
      createGitHubApi(githubContext(urls, { http }), 't').request('GET', '/repos/o/r/hooks', {
        call: { doing: 'listing' },
      }),
    );
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('one of the scopes admin:repo_hook, repo');
  });

  it('maps a 404 on a repository to repository_not_found and lists 422 errors', async () => {
    const { http } = scripted([
      json(404, { message: 'Not Found' }),
      json(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Hook', code: 'invalid', field: 'name' }],
      }),
    ]);
    const api = createGitHubApi(githubContext(urls, { http }), 't');
    const missing = await failureOf(
      api.request('GET', '/repos/o/r/hooks', { call: { doing: 'listing', repository: 'o/r' } }),
    );
    expect(missing).toBeInstanceOf(IntegrationError);
    expect(missing.code).toBe('repository_not_found');
    expect(missing.message).toContain('repository o/r not found, or the token cannot administer it');
    const invalid = await failureOf(api.request('POST', '/repos/o/r/hooks', { call: { doing: 'creating' } }));
    expect(invalid.code).toBe('github_validation_failed');
    expect(invalid.message).toBe('GitHub refused creating: Validation Failed (Hook.name is invalid)');
  });

  it('maps a secondary rate limit that GitHub names only in its message to an external failure', async () => {
    const { http } = scripted([
      json(403, {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
      }),
    ]);
    const api = createGitHubApi(githubContext(urls, { http }), 't');
    const error = await failureOf(api.request('POST', '/repos/o/r/hooks', { call: { doing: 'creating' } }));
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error).not.toBeInstanceOf(CredentialsError);
    expect(error.message).toContain('try again in a few minutes');
  });

  it('maps a 5xx without a JSON body to an external failure', async () => {
    const { http } = scripted([new Response('<html>bad gateway</html>', { status: 502 })]);
    const error = await failureOf(
      createGitHubApi(githubContext(urls, { http }), 't').request('GET', '/user', {
        call: { doing: 'checking' },
      }),
    );
    expect(error).toBeInstanceOf(ExternalServiceError);
    expect(error.status).toBe(502);
  });
});

describe('nextPageUrl', () => {
  it('finds rel="next" among the links, even when URLs hold commas', () => {
    const link =
      '<https://api.github.com/user/repos?affiliation=owner,collaborator&page=1>; rel="prev", ' +
      '<https://api.github.com/user/repos?affiliation=owner,collaborator&page=3>; rel="next"';
    expect(nextPageUrl(link)).toBe('https://api.github.com/user/repos?affiliation=owner,collaborator&page=3');
    expect(nextPageUrl('<https://api.github.com/x?page=1>; rel="first"')).toBeUndefined();
    expect(nextPageUrl(null)).toBeUndefined();
  });
});
