import { CredentialsError, type IntegrationContext, type ParameterValues } from '@tripline/sdk';
import { accessToken, createGitHubApi } from './github-api.js';

/**
 * Classic scopes that let a token create and delete repository webhooks. `repo` and `public_repo`
 * include repository hooks (GitHub's "Scopes for OAuth apps"); `write:repo_hook` can create but not
 * delete, so a subscription made with it could never be removed.
 */
const HOOK_SCOPES = ['admin:repo_hook', 'repo', 'public_repo'];

/**
 * Checks a token with `GET /user`. Classic and OAuth tokens list their scopes in `X-OAuth-Scopes`,
 * so a missing one is named now rather than discovered as a 404 when the webhook is created.
 * Fine-grained and GitHub App tokens send no such header: their per-repository permissions show
 * only when a call needs them.
 */
export async function validateGitHubToken(input: {
  readonly credentials: ParameterValues;
  readonly context: IntegrationContext;
}): Promise<void> {
  const api = createGitHubApi(input.context, accessToken(input.credentials));
  const answer = await api.request('GET', '/user', { call: { doing: 'checking the token' } });
  const header = answer.headers.get('x-oauth-scopes');
  if (header === null) return;
  const scopes = parseScopes(header);
  if (scopes.some((scope) => HOOK_SCOPES.includes(scope))) return;
  const has = scopes.length === 0 ? 'no scopes' : `only ${scopes.join(', ')}`;
  const writeOnly = scopes.includes('write:repo_hook')
    ? ' (write:repo_hook can create webhooks but not delete them)'
    : '';
  throw new CredentialsError(
    `the token has ${has}${writeOnly}: give it the admin:repo_hook scope, with repo for private repositories ` +
      '(or public_repo for public ones), or use a fine-grained token with Webhooks read and write',
  );
}

/** `X-OAuth-Scopes: repo, admin:repo_hook` as a list; an empty header means no scopes at all. */
export function parseScopes(header: string): string[] {
  return header
    .split(/[\s,]+/)
    .map((scope) => scope.trim())
    .filter((scope) => scope !== '');
}
