import { IntegrationError, type ParameterValue } from '@tripline/sdk';

/** A repository as GitHub names it in URLs. */
export interface RepositoryName {
  readonly owner: string;
  readonly name: string;
  /** `owner/name`. */
  readonly fullName: string;
}

/** GitHub logins: letters, digits and single hyphens, at most 39 characters. */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
/** Repository names: letters, digits, `.`, `-` and `_`, at most 100 characters. */
const NAME = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * Reads the `repository` parameter, `owner/name`. Checked before any call so a typo is refused in
 * words rather than as a 404, and so nothing but a plain name ever lands in an API path.
 */
export function parseRepositoryName(value: ParameterValue | undefined): RepositoryName {
  const text = typeof value === 'string' ? value.trim() : '';
  const [owner, name, ...rest] = text.split('/');
  if (
    owner === undefined ||
    name === undefined ||
    rest.length > 0 ||
    !OWNER.test(owner) ||
    !NAME.test(name) ||
    name === '.' ||
    name === '..'
  ) {
    throw new IntegrationError(
      `repository must be owner/name, as in octocat/hello-world; got ${JSON.stringify(value ?? '')}`,
      'invalid_repository',
    );
  }
  return { owner, name, fullName: `${owner}/${name}` };
}

/** The API path of a repository's webhooks, e.g. `/repos/octo/hello/hooks`. */
export function hooksPath(repository: RepositoryName, hookId?: string | number): string {
  const base = `/repos/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.name)}/hooks`;
  return hookId === undefined ? base : `${base}/${encodeURIComponent(String(hookId))}`;
}
