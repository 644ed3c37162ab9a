import { type FakeAnswer, githubError, notFound } from './fake-github-http.js';
import type { FakeGitHubState, FakeRepository } from './fake-github-state.js';
import type { FakeToken } from './fake-github-tokens.js';

/** What a hooks call does: reading, creating or changing, deleting. */
export type HookAccess = 'read' | 'write' | 'admin';

/** The classic scopes GitHub accepts for each kind of hooks call (`X-Accepted-OAuth-Scopes`). */
const ACCEPTED_SCOPES: Readonly<Record<HookAccess, readonly string[]>> = {
  read: ['admin:repo_hook', 'read:repo_hook', 'repo', 'write:repo_hook'],
  write: ['admin:repo_hook', 'repo', 'write:repo_hook'],
  admin: ['admin:repo_hook', 'repo'],
};

/** The classic scopes a hooks call accepts on this repository; `public_repo` covers public ones. */
export function acceptedScopes(access: HookAccess, repository: FakeRepository): string[] {
  return [...ACCEPTED_SCOPES[access], ...(repository.private ? [] : ['public_repo'])].sort();
}

/** Headers every authenticated API answer carries for a token with scopes. */
export function scopeHeaders(token: FakeToken, accepted: readonly string[] = []): Record<string, string> {
  if (token.scopes === undefined) return {};
  return { 'x-oauth-scopes': token.scopes.join(', '), 'x-accepted-oauth-scopes': accepted.join(', ') };
}

/**
 * Whether a token may make a hooks call on a repository, as GitHub decides it: a repository the
 * token cannot see, a missing scope and a user without admin rights all look like 404 (GitHub does
 * not tell strangers what exists); a fine-grained token without the Webhooks permission gets 403
 * with `X-Accepted-GitHub-Permissions`. Undefined means allowed.
 */
export function hookAccessDenied(
  state: FakeGitHubState,
  token: FakeToken,
  repository: FakeRepository | undefined,
  access: HookAccess,
): FakeAnswer | undefined {
  if (repository === undefined) return notFound();
  const permission = state.permission(repository, token.login);
  if (permission === undefined) return notFound();
  if (token.scopes !== undefined) {
    if (repository.private && !token.scopes.includes('repo')) return notFound();
    const accepted = acceptedScopes(access, repository);
    if (!token.scopes.some((scope) => accepted.includes(scope))) {
      return { ...notFound(), headers: scopeHeaders(token, accepted) };
    }
  } else {
    const needed = access === 'read' ? 'read' : 'write';
    const has = token.webhooks ?? 'none';
    if (has === 'none' || (needed === 'write' && has === 'read')) {
      const who = token.kind === 'user-to-server' ? 'integration' : 'personal access token';
      return githubError(403, `Resource not accessible by ${who}`, {
        headers: { 'x-accepted-github-permissions': `webhooks=${needed}` },
      });
    }
  }
  return permission === 'admin' ? undefined : notFound();
}

/** Classic tokens without `repo` see public repositories only; the others see what their user sees. */
export function canSeeRepository(
  state: FakeGitHubState,
  token: FakeToken,
  repository: FakeRepository,
): boolean {
  if (state.permission(repository, token.login) === undefined) return false;
  return !repository.private || token.scopes === undefined || token.scopes.includes('repo');
}
