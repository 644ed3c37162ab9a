import { CredentialsError, ExternalServiceError, type IntegrationContext } from '@tripline/sdk';
import { type FailedCall, type GitHubAnswer, githubApiError } from './github-api-errors.js';
import { githubUrls } from './github-urls.js';

/** GitHub asks every API client to name itself; requests without a User-Agent are refused. */
export const GITHUB_USER_AGENT = 'Tripline';
const API_VERSION = '2022-11-28';
/** 50 pages of 100 is 5,000 items: more repositories than anyone picks from a list. */
const MAX_PAGES = 50;

export interface GitHubRequest {
  readonly call: FailedCall;
  /** Sent as JSON. */
  readonly body?: unknown;
  /** Error statuses the caller handles itself (e.g. 404 when deleting); any other one throws. */
  readonly accept?: readonly number[];
}

/** The few REST calls the integration makes, authenticated with one token. */
export interface GitHubApi {
  /** `path` is relative to the API base, e.g. `/repos/octo/hello/hooks`. */
  request(method: string, path: string, request: GitHubRequest): Promise<GitHubAnswer>;
  /** Every item of a list endpoint, following the `Link: <…>; rel="next"` header page by page. */
  paginate(path: string, call: FailedCall): Promise<unknown[]>;
}

/**
 * A GitHub REST client over the context's HTTP client. The token goes in the Authorization header
 * only: it is never logged, and never sent to a host other than the configured API (a `Link` to
 * another origin is refused).
 */
export function createGitHubApi(context: IntegrationContext, token: string): GitHubApi {
  const { apiUrl } = githubUrls(context);
  const origin = new URL(apiUrl).origin;
  const headers = {
    accept: 'application/vnd.github+json',
    authorization: `Bearer ${token}`,
    'user-agent': GITHUB_USER_AGENT,
    'x-github-api-version': API_VERSION,
  };

  async function send(method: string, url: string, request: GitHubRequest): Promise<GitHubAnswer> {
    const response = await context.http(url, {
      method,
      headers: request.body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
    const answer: GitHubAnswer = {
      status: response.status,
      headers: response.headers,
      body: await readBody(response),
    };
    if (response.ok || request.accept?.includes(response.status)) return answer;
    throw githubApiError(answer, request.call);
  }

  return {
    request: (method, path, request) => send(method, `${apiUrl}${path}`, request),
    async paginate(path, call) {
      const items: unknown[] = [];
      let url: string | undefined = `${apiUrl}${path}`;
      for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
        const answer = await send('GET', url, { call });
        if (!Array.isArray(answer.body)) {
          throw new ExternalServiceError(
            `GitHub answered ${call.doing} with something other than a list`,
            200,
          );
        }
        items.push(...answer.body);
        url = nextPageUrl(answer.headers.get('link'));
        if (url !== undefined && new URL(url).origin !== origin) {
          throw new ExternalServiceError(
            `GitHub's next page for ${call.doing} points at ${new URL(url).origin}, not ${origin}; the token is not sent there`,
            200,
          );
        }
      }
      if (url !== undefined) {
        context.logger.warn(
          { path: path.split('?')[0], pages: MAX_PAGES },
          'GitHub list cut off at the page limit',
        );
      }
      return items;
    },
  };
}

/** The access token of an `api-key` or `oauth` subscription; a missing one is the user's to fix. */
export function accessToken(credentials: Readonly<Record<string, unknown>>): string {
  const token = credentials.access_token;
  if (typeof token !== 'string' || token.trim() === '') {
    throw new CredentialsError(
      'access_token is empty: give a GitHub personal access token, or connect with OAuth',
    );
  }
  return token.trim();
}

/** The `rel="next"` URL of a `Link` header as GitHub formats it: `<url>; rel="next", <url>; rel="last"`. */
export function nextPageUrl(link: string | null): string | undefined {
  if (!link) return undefined;
  // Matched link by link rather than split on commas: a URL may hold commas (affiliation=a,b).
  for (const match of link.matchAll(/<([^>]*)>\s*;\s*rel="([^"]*)"/g)) {
    if (match[2]?.split(/\s+/).includes('next')) return match[1];
  }
  return undefined;
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
