import type { FakeGitHubState, FakeHook, FakeRepository, FakeUser } from './fake-github-state.js';

/** Base URLs the JSON objects link to. */
export interface FakeUrls {
  readonly apiUrl: string;
  readonly webUrl: string;
}

/** A user as `GET /user` and payloads' `sender` show it (the fields integrations read). */
export function userJson(user: FakeUser, urls: FakeUrls): Record<string, unknown> {
  return {
    login: user.login,
    id: user.id,
    node_id: `U_${user.id}`,
    type: 'User',
    site_admin: false,
    html_url: `${urls.webUrl}/${user.login}`,
    url: `${urls.apiUrl}/users/${user.login}`,
  };
}

/** A repository as `GET /user/repos` shows it to `login`, with its permissions. */
export function repositoryJson(
  state: FakeGitHubState,
  repository: FakeRepository,
  urls: FakeUrls,
  login?: string,
): Record<string, unknown> {
  const permission = login === undefined ? undefined : state.permission(repository, login);
  const organization = state.ownerIsOrganization(repository);
  const ownerId = organization ? 0 : state.user(repository.owner).id;
  return {
    id: repository.id,
    node_id: `R_${repository.id}`,
    name: repository.name,
    full_name: repository.fullName,
    private: repository.private,
    visibility: repository.private ? 'private' : 'public',
    owner: { login: repository.owner, id: ownerId, type: organization ? 'Organization' : 'User' },
    html_url: `${urls.webUrl}/${repository.fullName}`,
    url: `${urls.apiUrl}/repos/${repository.fullName}`,
    hooks_url: `${urls.apiUrl}/repos/${repository.fullName}/hooks`,
    default_branch: 'main',
    ...(permission === undefined
      ? {}
      : {
          permissions: {
            admin: permission === 'admin',
            maintain: permission === 'admin',
            push: permission !== 'read',
            triage: permission !== 'read',
            pull: true,
          },
        }),
  };
}

/** A webhook as GitHub's hooks API shows it: the secret masked, never in clear. */
export function hookJson(
  hook: FakeHook,
  repository: FakeRepository,
  urls: FakeUrls,
): Record<string, unknown> {
  const url = `${urls.apiUrl}/repos/${repository.fullName}/hooks/${hook.id}`;
  return {
    type: 'Repository',
    id: hook.id,
    name: 'web',
    active: hook.active,
    events: [...hook.events],
    config: {
      content_type: hook.contentType,
      insecure_ssl: hook.insecureSsl,
      url: hook.url,
      ...(hook.secret === undefined ? {} : { secret: '********' }),
    },
    updated_at: hook.updatedAt,
    created_at: hook.createdAt,
    url,
    test_url: `${url}/test`,
    ping_url: `${url}/pings`,
    deliveries_url: `${url}/deliveries`,
    last_response: { ...hook.lastResponse },
  };
}
