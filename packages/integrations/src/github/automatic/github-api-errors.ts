import { CredentialsError, ExternalServiceError, IntegrationError } from '@tripline/sdk';

/** One answer of GitHub's REST API, its body parsed as JSON when it is JSON. */
export interface GitHubAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** What the failed call was about, so the error can name it. */
export interface FailedCall {
  /** e.g. "creating the webhook". */
  readonly doing: string;
  /** The `owner/name` the call was about: a 404 then means the repository is out of reach. */
  readonly repository?: string;
}

/**
 * Turns a GitHub error answer into an error the user can act on: refused or under-scoped tokens
 * are {@link CredentialsError}s that say which scope or permission is missing, rate limits and
 * outages are {@link ExternalServiceError}s that say when to retry, an unreachable repository and
 * validation failures are {@link IntegrationError}s with GitHub's own words.
 */
export function githubApiError(answer: GitHubAnswer, call: FailedCall): IntegrationError {
  const said = githubMessage(answer.body) ?? `HTTP ${answer.status}`;
  const { status, headers } = answer;
  if (status === 401) return new CredentialsError(`GitHub refused the token: ${said}`);
  if (isRateLimited(answer)) {
    return new ExternalServiceError(
      `GitHub's rate limit stops ${call.doing} (${said}); ${retryHint(headers)}`,
      status,
    );
  }
  if (status === 403)
    return new CredentialsError(`GitHub refused ${call.doing}: ${said}. ${neededAccess(headers)}`);
  if (status === 404 && call.repository !== undefined) {
    return new IntegrationError(
      `repository ${call.repository} not found, or the token cannot administer it: webhooks need admin rights ` +
        'on the repository and a token with the admin:repo_hook or repo scope (fine-grained: Webhooks read and write)',
      'repository_not_found',
    );
  }
  if (status === 422) {
    const details = validationErrors(answer.body);
    return new IntegrationError(
      `GitHub refused ${call.doing}: ${said}${details.length > 0 ? ` (${details.join('; ')})` : ''}`,
      'github_validation_failed',
    );
  }
  return new ExternalServiceError(`GitHub answered ${status} while ${call.doing}: ${said}`, status);
}

/** GitHub's `message`, the one line every error body carries. */
export function githubMessage(body: unknown): string | undefined {
  if (typeof body === 'string') return body.trim().slice(0, 200) || undefined;
  if (!isObject(body) || typeof body.message !== 'string') return undefined;
  return body.message;
}

/** The `errors` of a 422 in words: GitHub's `message` when it gives one, else field and code. */
export function validationErrors(body: unknown): string[] {
  if (!isObject(body) || !Array.isArray(body.errors)) return [];
  return body.errors.map((error: unknown) => {
    if (typeof error === 'string') return error;
    if (!isObject(error)) return JSON.stringify(error);
    if (typeof error.message === 'string' && error.message !== '') return error.message;
    const where = [error.resource, error.field].filter((part) => typeof part === 'string').join('.');
    return `${where || 'request'} is ${typeof error.code === 'string' ? error.code : 'invalid'}`;
  });
}

/**
 * 429, or a 403 that GitHub marks as a rate limit: the primary one by its headers, a secondary one
 * by Retry-After or, when GitHub sends neither, by its message ("You have exceeded a secondary
 * rate limit"). Taken for refused credentials, a rate limit would mark subscriptions unauthorized.
 */
function isRateLimited({ status, headers, body }: GitHubAnswer): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  if (headers.get('x-ratelimit-remaining') === '0' || headers.has('retry-after')) return true;
  return /\brate limit/i.test(githubMessage(body) ?? '');
}

function retryHint(headers: Headers): string {
  const retryAfter = Number(headers.get('retry-after'));
  if (headers.has('retry-after') && Number.isFinite(retryAfter)) return `try again in ${retryAfter} seconds`;
  const reset = Number(headers.get('x-ratelimit-reset'));
  if (headers.has('x-ratelimit-reset') && Number.isFinite(reset)) {
    return `try again after ${new Date(reset * 1000).toISOString()}`;
  }
  return 'try again in a few minutes';
}

/** Which scope or permission GitHub says the call needs, from the headers it sends for that. */
function neededAccess(headers: Headers): string {
  const permissions = headers.get('x-accepted-github-permissions');
  if (permissions)
    return `The token needs the permission ${permissions} (fine-grained tokens: Webhooks read and write).`;
  const scopes = headers.get('x-accepted-oauth-scopes');
  if (scopes) return `The token needs one of the scopes ${scopes}, and admin rights on the repository.`;
  return 'The token needs the admin:repo_hook or repo scope and admin rights on the repository.';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
