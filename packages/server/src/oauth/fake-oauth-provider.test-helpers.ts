import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the fake answers the next refresh: as asked, refusing the grant, or down. */
export type RefreshBehaviour = 'ok' | 'invalid_grant' | 'unavailable';

/** A token request the fake received, without secrets. */
export interface TokenRequest {
  readonly grantType: string;
  readonly clientId: string;
  readonly codeVerifier: string | undefined;
}

/**
 * A small OAuth 2.0 provider on 127.0.0.1 that behaves like GitHub's and most others: a consent
 * page that redirects back with `code` and `state` (or `error=access_denied`), and a token
 * endpoint for `authorization_code` (with PKCE S256 when a challenge was sent) and `refresh_token`.
 */
export interface FakeOAuthProvider {
  readonly url: string;
  registerApp(clientId: string, clientSecret: string): void;
  /** The next consent is denied by the user. */
  denyNext(): void;
  /** Tokens for a registered app, as if its user had just consented (for refresh tests). */
  grant(clientId: string): { readonly access_token: string; readonly refresh_token: string };
  refreshBehaviour: RefreshBehaviour;
  /** Refresh tokens whose refresh answers 503 whatever `refreshBehaviour` says. */
  readonly unavailableFor: Set<string>;
  readonly tokenRequests: TokenRequest[];
  /** Every access token handed out, in order. */
  readonly accessTokens: string[];
  close(): Promise<void>;
}

interface IssuedCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string | undefined;
}

/** Access tokens live an hour, like GitHub App user tokens (8 h) but shorter to test with. */
export const FAKE_TOKEN_LIFETIME_S = 3600;

export async function startFakeOAuthProvider(): Promise<FakeOAuthProvider> {
  const apps = new Map<string, string>();
  const codes = new Map<string, IssuedCode>();
  const refreshTokens = new Map<string, string>();
  let deny = false;
  const provider = {
    refreshBehaviour: 'ok' as RefreshBehaviour,
    unavailableFor: new Set<string>(),
    tokenRequests: [] as TokenRequest[],
    accessTokens: [] as string[],
  };
  const issueTokens = (clientId: string) => {
    const accessToken = `at_${randomBytes(12).toString('hex')}`;
    const refreshToken = `rt_${randomBytes(12).toString('hex')}`;
    provider.accessTokens.push(accessToken);
    refreshTokens.set(refreshToken, clientId);
    return {
      access_token: accessToken,
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: FAKE_TOKEN_LIFETIME_S,
    };
  };

  const authorize = (url: URL, res: ServerResponse) => {
    const query = url.searchParams;
    const clientId = query.get('client_id') ?? '';
    const redirectUri = query.get('redirect_uri') ?? '';
    const state = query.get('state') ?? '';
    if (!apps.has(clientId)) return json(res, 404, { error: 'unknown client_id' });
    const back = new URL(redirectUri);
    if (deny) {
      deny = false;
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('error_description', 'The user has denied your application access.');
    } else {
      const code = `code_${randomBytes(12).toString('hex')}`;
      const challenge = query.get('code_challenge') ?? undefined;
      if (challenge && query.get('code_challenge_method') !== 'S256') {
        return json(res, 400, { error: 'only S256 is supported' });
      }
      codes.set(code, { clientId, redirectUri, challenge });
      back.searchParams.set('code', code);
    }
    back.searchParams.set('state', state);
    res.writeHead(302, { location: back.toString() }).end();
  };

  const token = (form: URLSearchParams, res: ServerResponse) => {
    const clientId = form.get('client_id') ?? '';
    const grantType = form.get('grant_type') ?? '';
    provider.tokenRequests.push({
      grantType,
      clientId,
      codeVerifier: form.get('code_verifier') ?? undefined,
    });
    if (apps.get(clientId) !== form.get('client_secret')) return json(res, 401, { error: 'invalid_client' });
    if (grantType === 'authorization_code') {
      const issued = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!issued || issued.clientId !== clientId || issued.redirectUri !== form.get('redirect_uri')) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      if (issued.challenge !== undefined) {
        const verifier = form.get('code_verifier') ?? '';
        const computed = createHash('sha256').update(verifier).digest('base64url');
        if (computed !== issued.challenge) return json(res, 400, { error: 'invalid_grant' });
      }
      return json(res, 200, issueTokens(clientId));
    }
    if (grantType === 'refresh_token') {
      const refreshToken = form.get('refresh_token') ?? '';
      if (provider.refreshBehaviour === 'unavailable' || provider.unavailableFor.has(refreshToken))
        return json(res, 503, { error: 'temporarily_unavailable' });
      if (provider.refreshBehaviour === 'invalid_grant' || refreshTokens.get(refreshToken) !== clientId) {
        return json(res, 400, { error: 'invalid_grant' });
      }
      refreshTokens.delete(refreshToken);
      return json(res, 200, issueTokens(clientId));
    }
    return json(res, 400, { error: 'unsupported_grant_type' });
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => token(new URLSearchParams(Buffer.concat(chunks).toString('utf8')), res));
      return;
    }
    json(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(provider, {
    url: `http://127.0.0.1:${port}`,
    registerApp: (clientId: string, clientSecret: string) => {
      apps.set(clientId, clientSecret);
    },
    denyNext: () => {
      deny = true;
    },
    grant: (clientId: string) => issueTokens(clientId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) satisfies FakeOAuthProvider;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
