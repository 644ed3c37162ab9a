import type { IntegrationContext } from '@tripline/sdk';

const DEFAULT_API_URL = 'https://api.github.com';
const DEFAULT_WEB_URL = 'https://github.com';

/** Where GitHub's REST API and web pages are (github.com, an Enterprise Server, or a fake in tests). */
export interface GitHubUrls {
  /** e.g. `https://api.github.com` or `https://ghes.example.com/api/v3`, without a trailing slash. */
  readonly apiUrl: string;
  /** e.g. `https://github.com`, without a trailing slash. */
  readonly webUrl: string;
}

/**
 * Reads the `apiUrl` and `webUrl` settings. The server strips trailing slashes already; this does
 * it again so a context built by hand (a test, a script) cannot produce `//` paths.
 */
export function githubUrls(context: IntegrationContext): GitHubUrls {
  return {
    apiUrl: withoutTrailingSlash(context.settings.apiUrl || DEFAULT_API_URL),
    webUrl: withoutTrailingSlash(context.settings.webUrl || DEFAULT_WEB_URL),
  };
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
