import { IntegrationError } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeGitHub, startFakeGitHub } from '../../testing/index.js';
import { github } from '../github-integration.js';
import { failureOf, githubContext } from './github-context.test-helpers.js';

let fake: FakeGitHub;
let token: string;

beforeAll(async () => {
  fake = await startFakeGitHub();
  ({ token } = fake.addUser({ login: 'octocat' }));
  fake.addUser({ login: 'someone-else' });
  // 250 own repositories, 20 where octocat may only push, 5 of an organization octocat administers.
  for (let index = 0; index < 250; index++) {
    fake.addRepository({
      fullName: `octocat/repo-${String(index).padStart(3, '0')}`,
      private: index % 50 === 0,
    });
  }
  for (let index = 0; index < 20; index++) {
    fake.addRepository({ fullName: `someone-else/shared-${index}`, login: 'octocat', admin: false });
  }
  for (let index = 0; index < 5; index++) {
    fake.addRepository({ fullName: `acme/service-${index}`, login: 'octocat', private: true });
  }
  fake.addRepository({ fullName: 'someone-else/not-shared' });
});
afterAll(() => fake.close());

function options(parameter: string, accessToken = token) {
  const parameterOptions = github.parameterOptions;
  if (!parameterOptions) throw new Error('parameterOptions is missing');
  return parameterOptions({
    parameter,
    credentials: { access_token: accessToken },
    parameters: {},
    context: githubContext(fake),
  });
}

describe('parameterOptions(repository)', () => {
  it('lists every administered repository across pages of 100, and no other', async () => {
    fake.clearRequests();
    const found = await options('repository');
    const pages = fake.requests.filter((request) => request.path === '/api/v3/user/repos');
    expect(pages.map((request) => request.query.page)).toEqual([undefined, '2', '3']);
    expect(pages.every((request) => request.query.per_page === '100')).toBe(true);
    expect(found).toHaveLength(255);
    expect(found.some((option) => option.value.startsWith('someone-else/'))).toBe(false);
    expect(found[0]).toEqual({ value: 'acme/service-0', label: 'acme/service-0 (private)' });
    expect(found.find((option) => option.value === 'octocat/repo-000')?.label).toBe(
      'octocat/repo-000 (private)',
    );
    expect(found.find((option) => option.value === 'octocat/repo-001')?.label).toBe('octocat/repo-001');
    expect(found.at(-1)?.value).toBe('octocat/repo-249');
  });

  it('shows a token without the repo scope only public repositories, as GitHub does', async () => {
    const publicOnly = fake.issueToken({ login: 'octocat', scopes: ['public_repo', 'admin:repo_hook'] });
    const found = await options('repository', publicOnly);
    expect(found).toHaveLength(245);
    expect(found.some((option) => option.label.endsWith('(private)'))).toBe(false);
  });

  it('refuses a parameter that has no options to look up', async () => {
    const error = await failureOf(options('events'));
    expect(error).toBeInstanceOf(IntegrationError);
    expect(error.code).toBe('unknown_parameter');
    expect(error.message).toContain('only repository has');
  });
});
