import { acceptedScopes, type HookAccess, hookAccessDenied, scopeHeaders } from './fake-github-access.js';
import { createHookFields, updateHookFields } from './fake-github-hook-input.js';
import {
  type FakeAnswer,
  type FakeRequest,
  githubError,
  notFound,
  paginate,
  readJsonBody,
  validationFailed,
} from './fake-github-http.js';
import { type FakeUrls, hookJson } from './fake-github-json.js';
import type { FakeGitHubState, FakeHook, FakeRepository } from './fake-github-state.js';
import type { FakeToken } from './fake-github-tokens.js';

export interface HookRoutesDeps {
  readonly state: FakeGitHubState;
  readonly urls: FakeUrls;
  /** Called after a webhook is created, e.g. to send it GitHub's `ping`. */
  readonly onHookCreated: (repository: FakeRepository, hook: FakeHook, login: string) => void;
}

const ACCESS: Readonly<Record<string, HookAccess>> = {
  GET: 'read',
  POST: 'write',
  PATCH: 'write',
  DELETE: 'admin',
};

/** `/repos/{owner}/{repo}/hooks` and `/repos/{owner}/{repo}/hooks/{id}`. */
export function hooksRoute(
  request: FakeRequest,
  target: { readonly fullName: string; readonly hookId?: string },
  token: FakeToken,
  deps: HookRoutesDeps,
): FakeAnswer {
  const access = ACCESS[request.method];
  if (
    access === undefined ||
    (target.hookId === undefined
      ? request.method === 'PATCH' || request.method === 'DELETE'
      : request.method === 'POST')
  ) {
    return notFound();
  }
  const repository = deps.state.repository(target.fullName);
  const denied = hookAccessDenied(deps.state, token, repository, access);
  if (denied !== undefined || repository === undefined) return denied ?? notFound();
  const answer =
    target.hookId === undefined
      ? listOrCreate(request, repository, token.login, deps)
      : oneHook(request, repository, target.hookId, deps);
  return {
    ...answer,
    headers: { ...scopeHeaders(token, acceptedScopes(access, repository)), ...answer.headers },
  };
}

function listOrCreate(
  request: FakeRequest,
  repository: FakeRepository,
  login: string,
  deps: HookRoutesDeps,
): FakeAnswer {
  if (request.method === 'GET') {
    const hooks = [...repository.hooks.values()].map((hook) => hookJson(hook, repository, deps.urls));
    const { page, link } = paginate(hooks, request.url, deps.urls.webUrl);
    return { status: 200, body: page, ...(link ? { headers: { link } } : {}) };
  }
  const body = readJsonBody(request.body);
  if (!body.ok) return githubError(400, 'Problems parsing JSON');
  const fields = createHookFields(body.value);
  if (!fields.ok) return fields.answer;
  if (urlTaken(repository, fields.value.url)) return hookExists();
  const now = deps.state.timestamp();
  const hook: FakeHook = {
    id: deps.state.newId(),
    ...fields.value,
    createdAt: now,
    updatedAt: now,
    lastResponse: { code: null, status: 'unused', message: null },
  };
  repository.hooks.set(hook.id, hook);
  deps.onHookCreated(repository, hook, login);
  const json = hookJson(hook, repository, deps.urls);
  return { status: 201, headers: { location: String(json.url) }, body: json };
}

function oneHook(
  request: FakeRequest,
  repository: FakeRepository,
  hookId: string,
  deps: HookRoutesDeps,
): FakeAnswer {
  const hook = /^\d+$/.test(hookId) ? repository.hooks.get(Number(hookId)) : undefined;
  if (hook === undefined) return notFound();
  if (request.method === 'GET') return { status: 200, body: hookJson(hook, repository, deps.urls) };
  if (request.method === 'DELETE') {
    repository.hooks.delete(hook.id);
    return { status: 204 };
  }
  const body = readJsonBody(request.body);
  if (!body.ok) return githubError(400, 'Problems parsing JSON');
  const fields = updateHookFields(body.value, hook);
  if (!fields.ok) return fields.answer;
  if (urlTaken(repository, fields.value.url, hook.id)) return hookExists();
  Object.assign(hook, fields.value, { updatedAt: deps.state.timestamp() });
  return { status: 200, body: hookJson(hook, repository, deps.urls) };
}

/** GitHub keeps one webhook per URL on a repository. */
function urlTaken(repository: FakeRepository, url: string, except?: number): boolean {
  return [...repository.hooks.values()].some((hook) => hook.url === url && hook.id !== except);
}

function hookExists(): FakeAnswer {
  return validationFailed({
    resource: 'Hook',
    code: 'custom',
    message: 'Hook already exists on this repository',
  });
}
