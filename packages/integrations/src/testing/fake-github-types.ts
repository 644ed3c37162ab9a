import type { Clock } from '@tripline/sdk';
import type { FakeDelivery, FakeDeliveryInput } from './fake-github-deliveries.js';
import type { FakeFailure } from './fake-github-faults.js';
import type { FakeOAuthApp } from './fake-github-oauth.js';
import type { FakeRepositoryPermission } from './fake-github-state.js';
import type { FakePermissionLevel } from './fake-github-tokens.js';

export interface FakeGitHubOptions {
  /** Expiry of tokens and codes; the real time unless given. */
  readonly clock?: Clock;
  /** Lifetime of expiring (GitHub App user) access tokens; 8 hours as on GitHub unless given. */
  readonly tokenTtlSeconds?: number;
  /** Send GitHub's `ping` to every webhook created, in the background (await `idle()`). */
  readonly sendPing?: boolean;
}

/** What `addUser` and `issueToken` take: a classic token's scopes, or a fine-grained token. */
export interface FakeTokenInput {
  /** Classic token scopes; `['repo', 'admin:repo_hook']` unless given. */
  readonly scopes?: readonly string[];
  /** A fine-grained token (no `X-OAuth-Scopes`) with this Webhooks permission instead of scopes. */
  readonly fineGrained?: { readonly webhooks: FakePermissionLevel };
  /** Seconds until the token expires; never unless given. */
  readonly expiresInSeconds?: number;
}

/** A webhook as the fake holds it, secret in clear (GitHub never shows it; tests may). */
export interface FakeHookView {
  readonly id: number;
  readonly url: string;
  readonly events: readonly string[];
  readonly active: boolean;
  readonly contentType: 'json' | 'form';
  readonly insecureSsl: '0' | '1';
  readonly secret: string | undefined;
}

/** One call the fake answered; secrets in the query are redacted, headers and bodies not kept. */
export interface FakeRequestRecord {
  readonly method: string;
  /** e.g. `/api/v3/repos/octo/hello/hooks`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly status: number;
}

/** A running fake GitHub and what tests do with it. */
export interface FakeGitHub {
  /** The REST API base, e.g. `http://127.0.0.1:PORT/api/v3`: set TRIPLINE_GITHUB_API_URL to it. */
  readonly apiUrl: string;
  /** The web base where OAuth happens, e.g. `http://127.0.0.1:PORT`: TRIPLINE_GITHUB_WEB_URL. */
  readonly webUrl: string;

  addUser(input: { readonly login: string } & FakeTokenInput): {
    readonly login: string;
    readonly id: number;
    readonly token: string;
  };
  /** Another token for an existing user. */
  issueToken(input: { readonly login: string } & FakeTokenInput): string;
  /** The token answers 401 "Bad credentials" from now on. */
  revokeToken(token: string): void;
  /**
   * A repository; its owner (the part before `/`) administers it when that is a user. `login`
   * gets admin rights (or write rights with `admin: false`). An owner that is no user is an
   * organization.
   */
  addRepository(input: {
    readonly fullName: string;
    readonly login?: string;
    readonly admin?: boolean;
    readonly private?: boolean;
  }): { readonly id: number; readonly fullName: string };
  grantAccess(input: {
    readonly fullName: string;
    readonly login: string;
    readonly permission: FakeRepositoryPermission;
  }): void;

  hooks(fullName: string): FakeHookView[];
  /** Deletes a webhook as a person would in GitHub's settings page. */
  deleteHookBehindOurBack(fullName: string, hookId: number): void;
  /** Changes a webhook as a person would in GitHub's settings page. */
  changeHookBehindOurBack(
    fullName: string,
    hookId: number,
    change: { readonly url?: string; readonly events?: readonly string[]; readonly active?: boolean },
  ): void;

  registerOAuthApp(app: FakeOAuthApp): void;
  /** Who approves authorization requests; the first user added unless set. */
  signInAs(login: string): void;
  /** Makes the user deny (true) or approve (false, the default) every authorization request. */
  denyAuthorizations(deny: boolean): void;

  /** POSTs an event to a webhook's URL as GitHub does and returns how the receiver answered. */
  deliver(input: FakeDeliveryInput): Promise<FakeDelivery>;
  /** Every delivery made so far, pings included. */
  readonly deliveries: readonly FakeDelivery[];
  /** Resolves once every delivery in flight (e.g. a ping) has been answered. */
  idle(): Promise<void>;

  /** The next API calls (after authentication) answer with this failure. */
  failNext(failure: FakeFailure): void;
  /** API calls answer 403 "API rate limit exceeded" with `x-ratelimit-remaining: 0` until restored. */
  exhaustRateLimit(): void;
  restoreRateLimit(): void;

  /** Every call answered so far, oldest first. */
  readonly requests: readonly FakeRequestRecord[];
  clearRequests(): void;
  close(): Promise<void>;
}
