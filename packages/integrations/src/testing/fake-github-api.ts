import { canSeeRepository, scopeHeaders } from './fake-github-access.js';
import type { FakeFaults } from './fake-github-faults.js';
import { type HookRoutesDeps, hooksRoute } from './fake-github-hooks.js';
import {
  type FakeAnswer,
  type FakeRequest,
  githubError,
  notFound,
  paginate,
  validationFailed,
} from './fake-github-http.js';
import { repositoryJson, userJson } from './fake-github-json.js';
import type { FakeRepository } from './fake-github-state.js';
import { bearerToken, type FakeToken } from './fake-github-tokens.js';

export interface ApiDeps extends HookRoutesDeps {
  readonly faults: FakeFaults;
}

const HOOKS_PATH = /^\/repos\/([^/]+)\/([^/]+)\/hooks(?:\/([^/]+))?\/?$/;

/**
 * The REST API under the base path (`/api/v3` as on GitHub Enterprise Server): `GET /user`,
 * `GET /user/repos`, and the repository webhooks. Every call needs a live token.
 */
export function apiRoute(request: FakeRequest, path: string, deps: ApiDeps): FakeAnswer {
  const given = bearerToken(firstHeader(request.headers.authorization));
  if (given === undefined) return githubError(401, 'Requires authentication');
  const token = deps.state.liveToken(given);
  if (token === undefined) return githubError(401, 'Bad credentials');
  const user = deps.state.user(token.login);
  const answer =
    deps.faults.take({ method: request.method, path, userId: user.id }) ?? route(request, path, token, deps);
  return { ...answer, headers: { ...deps.faults.rateHeaders(), ...scopeHeaders(token), ...answer.headers } };
}

function route(request: FakeRequest, path: string, token: FakeToken, deps: ApiDeps): FakeAnswer {
  if (path === '/user' && request.method === 'GET') {
    return { status: 200, body: userJson(deps.state.user(token.login), deps.urls) };
  }
  if (path === '/user/repos' && request.method === 'GET') return userRepositories(request, token, deps);
  const hooks = HOOKS_PATH.exec(path);
  if (hooks?.[1] && hooks[2]) {
    const fullName = `${decodeURIComponent(hooks[1])}/${decodeURIComponent(hooks[2])}`;
    const hookId = hooks[3] === undefined ? undefined : decodeURIComponent(hooks[3]);
    return hooksRoute(request, hookId === undefined ? { fullName } : { fullName, hookId }, token, deps);
  }
  return notFound();
}

/**
 * `GET /user/repos`: what the token's user can see, filtered by `visibility` and `affiliation`
 * (or the older `type`, not both), sorted by `sort`/`direction`, paginated with `Link`.
 */
function userRepositories(request: FakeRequest, token: FakeToken, deps: ApiDeps): FakeAnswer {
  const query = request.url.searchParams;
  if (query.has('type') && (query.has('visibility') || query.has('affiliation'))) {
    return validationFailed({
      resource: 'Search',
      code: 'invalid',
      message: 'type cannot be combined with visibility or affiliation',
    });
  }
  const affiliation = new Set(
    (query.get('affiliation') ?? 'owner,collaborator,organization_member').split(','),
  );
  const visibility = query.get('visibility') ?? 'all';
  const login = token.login.toLowerCase();
  const relation = (repository: FakeRepository): string => {
    if (repository.owner.toLowerCase() === login) return 'owner';
    return deps.state.ownerIsOrganization(repository) ? 'organization_member' : 'collaborator';
  };
  const visible = [...deps.state.repositories.values()].filter(
    (repository) =>
      canSeeRepository(deps.state, token, repository) &&
      affiliation.has(relation(repository)) &&
      (visibility === 'all' || (visibility === 'private') === repository.private),
  );
  const sort = query.get('sort') ?? 'full_name';
  const ascending = (query.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc')) === 'asc';
  visible.sort((a, b) => {
    const order =
      sort === 'full_name' ? a.fullName.toLowerCase().localeCompare(b.fullName.toLowerCase()) : a.id - b.id;
    return ascending ? order : -order;
  });
  const json = visible.map((repository) => repositoryJson(deps.state, repository, deps.urls, token.login));
  const { page, link } = paginate(json, request.url, deps.urls.webUrl);
  return { status: 200, body: page, ...(link ? { headers: { link } } : {}) };
}

function firstHeader(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}
