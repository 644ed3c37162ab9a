import {
  type IntegrationContext,
  IntegrationError,
  type ParameterOption,
  type ParameterValues,
} from '@tripline/sdk';
import { accessToken, createGitHubApi } from './github-api.js';

const REPOSITORIES_PATH =
  '/user/repos?per_page=100&sort=full_name&affiliation=owner,collaborator,organization_member';

/**
 * The choices of a `dynamic-select` parameter. Only `repository` has any: the repositories the
 * token's user administers (only admins can add webhooks), as `owner/name`.
 */
export async function githubParameterOptions(input: {
  readonly parameter: string;
  readonly credentials: ParameterValues;
  readonly context: IntegrationContext;
}): Promise<readonly ParameterOption[]> {
  if (input.parameter !== 'repository') {
    throw new IntegrationError(
      `parameter "${input.parameter}" has no options to look up; only repository has`,
      'unknown_parameter',
    );
  }
  const api = createGitHubApi(input.context, accessToken(input.credentials));
  const repositories = await api.paginate(REPOSITORIES_PATH, { doing: 'listing your repositories' });
  return repositories.filter(isAdministered).map((repository) => ({
    value: repository.full_name,
    label: repository.private ? `${repository.full_name} (private)` : repository.full_name,
  }));
}

interface AdministeredRepository {
  readonly full_name: string;
  readonly private?: boolean;
}

function isAdministered(value: unknown): value is AdministeredRepository {
  if (typeof value !== 'object' || value === null) return false;
  const repository = value as { full_name?: unknown; permissions?: { admin?: unknown } };
  return typeof repository.full_name === 'string' && repository.permissions?.admin === true;
}
