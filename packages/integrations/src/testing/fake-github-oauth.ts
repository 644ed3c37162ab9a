import { createHash, randomBytes } from 'node:crypto';
import type { FakeAnswer, FakeRequest } from './fake-github-http.js';
import type { FakeGitHubState } from './fake-github-state.js';
import { type FakeToken, tokenValue } from './fake-github-tokens.js';

/** An OAuth app (or a GitHub App with expiring user tokens) registered with the fake. */
export interface FakeOAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** When set, `redirect_uri` must be this URL or below it, as GitHub requires. */
  readonly callbackUrl?: string;
  /** GitHub App style: access tokens expire and come with a refresh token. */
  readonly expiringTokens?: boolean;
}

interface PendingCode {
  readonly clientId: string;
  readonly login: string;
  readonly redirectUri: string | undefined;
  readonly scopes: readonly string[];
  readonly codeChallenge: string | undefined;
  readonly expiresAt: number;
}

interface RefreshGrant {
  readonly clientId: string;
  readonly login: string;
  readonly expiresAt: number;
}

const CODE_TTL_MS = 10 * 60_000;
/** GitHub's refresh tokens last about six months. */
const REFRESH_TTL_SECONDS = 15_897_600;
const ERROR_DOCS =
  'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors';

/**
 * GitHub's web flow: `GET /login/oauth/authorize` approves at once as the signed-in user and
 * redirects back with a single-use code; `POST /login/oauth/access_token` redeems it (checking the
 * client secret, the redirect URI and the PKCE verifier) or a refresh token, which rotates.
 */
export class FakeOAuth {
  readonly apps = new Map<string, FakeOAuthApp>();
  private readonly codes = new Map<string, PendingCode>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  /** The user who approves; the first user added when unset. */
  signedInLogin: string | undefined;
  denyAll = false;

  constructor(
    private readonly state: FakeGitHubState,
    private readonly now: () => number,
    private readonly tokenTtlSeconds: number,
  ) {}

  authorize(request: FakeRequest): FakeAnswer {
    const query = request.url.searchParams;
    const app = this.apps.get(query.get('client_id') ?? '');
    if (app === undefined) return { status: 404, body: 'Not Found' };
    const redirectUri = query.get('redirect_uri') ?? undefined;
    const back = redirectUri ?? app.callbackUrl;
    if (back === undefined)
      return { status: 400, body: 'redirect_uri is required: the app has no callback URL' };
    const state = query.get('state');
    const redirect = (target: string, params: Record<string, string>): FakeAnswer => {
      const url = new URL(target);
      for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
      if (state !== null) url.searchParams.set('state', state);
      return { status: 302, headers: { location: url.toString() }, body: '' };
    };
    if (
      app.callbackUrl !== undefined &&
      redirectUri !== undefined &&
      !isBelow(redirectUri, app.callbackUrl)
    ) {
      return redirect(app.callbackUrl, {
        error: 'redirect_uri_mismatch',
        error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
        error_uri: `${ERROR_DOCS}#redirect-uri-mismatch`,
      });
    }
    const challenge = query.get('code_challenge') ?? undefined;
    if (challenge !== undefined && (query.get('code_challenge_method') ?? 'plain') !== 'S256') {
      return redirect(back, {
        error: 'invalid_request',
        error_description: 'code_challenge_method must be S256.',
      });
    }
    const login = this.signedInLogin ?? [...this.state.users.values()][0]?.login;
    if (login === undefined)
      return { status: 403, body: 'no user is signed in to the fake GitHub: add one first' };
    if (this.denyAll) {
      return redirect(back, {
        error: 'access_denied',
        error_description: 'The user has denied your application access.',
        error_uri: `${ERROR_DOCS}#access-denied`,
      });
    }
    const code = randomBytes(10).toString('hex');
    this.codes.set(code, {
      clientId: app.clientId,
      login,
      redirectUri,
      scopes: (query.get('scope') ?? '').split(/[\s,]+/).filter((scope) => scope !== ''),
      codeChallenge: challenge,
      expiresAt: this.now() + CODE_TTL_MS,
    });
    return redirect(back, { code });
  }

  accessToken(request: FakeRequest): FakeAnswer {
    const form = readForm(request);
    const answer = (body: Record<string, string | number>): FakeAnswer => tokenAnswer(request, body);
    const app = this.apps.get(form.get('client_id') ?? '');
    if (app === undefined || app.clientSecret !== form.get('client_secret')) {
      return answer(
        oauthError(
          'incorrect_client_credentials',
          'The client_id and/or client_secret passed are incorrect.',
        ),
      );
    }
    if (form.get('grant_type') === 'refresh_token')
      return answer(this.refresh(app, form.get('refresh_token') ?? ''));
    const code = form.get('code') ?? '';
    const pending = this.codes.get(code);
    if (pending === undefined || pending.clientId !== app.clientId || pending.expiresAt <= this.now()) {
      return answer(oauthError('bad_verification_code', 'The code passed is incorrect or expired.'));
    }
    if (pending.redirectUri !== undefined && form.get('redirect_uri') !== pending.redirectUri) {
      return answer(
        oauthError(
          'redirect_uri_mismatch',
          'The redirect_uri MUST match the registered callback URL for this application.',
        ),
      );
    }
    if (
      pending.codeChallenge !== undefined &&
      s256(form.get('code_verifier') ?? '') !== pending.codeChallenge
    ) {
      return answer(
        oauthError('bad_verification_code', 'The code_verifier does not match the code_challenge.'),
      );
    }
    this.codes.delete(code);
    return answer(this.issue(app, pending.login, pending.scopes));
  }

  private refresh(app: FakeOAuthApp, refreshToken: string): Record<string, string | number> {
    const grant = this.refreshGrants.get(refreshToken);
    if (grant === undefined || grant.clientId !== app.clientId || grant.expiresAt <= this.now()) {
      return oauthError('bad_refresh_token', 'The refresh token passed is incorrect or expired.');
    }
    this.refreshGrants.delete(refreshToken);
    return this.issue(app, grant.login, []);
  }

  private issue(
    app: FakeOAuthApp,
    login: string,
    scopes: readonly string[],
  ): Record<string, string | number> {
    if (!app.expiringTokens) {
      const token = this.state.issueToken({ login, kind: 'oauth', scopes });
      return { access_token: token.value, token_type: 'bearer', scope: scopes.join(',') };
    }
    const token: FakeToken = this.state.issueToken({
      login,
      kind: 'user-to-server',
      webhooks: 'write',
      expiresAt: this.now() + this.tokenTtlSeconds * 1000,
    });
    const refreshToken = tokenValue('refresh');
    this.refreshGrants.set(refreshToken, {
      clientId: app.clientId,
      login,
      expiresAt: this.now() + REFRESH_TTL_SECONDS * 1000,
    });
    return {
      access_token: token.value,
      expires_in: this.tokenTtlSeconds,
      refresh_token: refreshToken,
      refresh_token_expires_in: REFRESH_TTL_SECONDS,
      scope: '',
      token_type: 'bearer',
    };
  }
}

function oauthError(error: string, description: string): Record<string, string> {
  return { error, error_description: description, error_uri: `${ERROR_DOCS}#${error.replaceAll('_', '-')}` };
}

/** GitHub answers 200 either way, as JSON when asked (`Accept: application/json`), else as a form. */
function tokenAnswer(request: FakeRequest, body: Record<string, string | number>): FakeAnswer {
  if (String(request.headers.accept ?? '').includes('application/json')) return { status: 200, body };
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(body)) form.set(key, String(value));
  return {
    status: 200,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: form.toString(),
  };
}

/** The token request's fields, from the query, a form body or a JSON body, as GitHub takes them. */
function readForm(request: FakeRequest): URLSearchParams {
  const form = new URLSearchParams(request.url.search);
  const type = String(request.headers['content-type'] ?? '');
  if (type.includes('application/json')) {
    try {
      const body = JSON.parse(request.body) as Record<string, unknown>;
      for (const [key, value] of Object.entries(body)) if (typeof value === 'string') form.set(key, value);
    } catch {
      // A body that is not JSON carries no fields; the checks then name what is missing.
    }
  } else {
    for (const [key, value] of new URLSearchParams(request.body)) form.set(key, value);
  }
  return form;
}

function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** GitHub's rule: same host and port, and a path at or below the registered one. */
function isBelow(candidate: string, registered: string): boolean {
  try {
    const url = new URL(candidate);
    const base = new URL(registered);
    const basePath = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
    return (
      url.origin === base.origin && (url.pathname === base.pathname || url.pathname.startsWith(basePath))
    );
  } catch {
    return false;
  }
}
