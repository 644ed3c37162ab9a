import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fixedClock, type Integration } from '@tripline/sdk';
import { pino } from 'pino';
import { type RunningServer, startServer } from '../app.js';
import { loadConfig } from '../config/config.js';
import { newId } from '../domain/ids.js';
import type { Role } from '../domain/roles.js';
import { hashToken } from '../workspaces/hash-token.js';
import { type FakeOAuthProvider, startFakeOAuthProvider } from './fake-oauth-provider.test-helpers.js';
import { oauthyIntegration, PROVIDER_URL_ENV } from './oauth-test-integration.test-helpers.js';

export const OWNER_TOKEN = 'tl_oauth-owner-token-0123456789abcdef';
export const TRIGGER_URL = 'https://triggers.example.com';
export const SECRET_KEY = Buffer.alloc(32, 7).toString('base64');

export interface Answer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers by path and assert on them
  readonly json: any;
}

export interface OAuthTestServer {
  readonly server: RunningServer;
  readonly provider: FakeOAuthProvider;
  readonly clock: ReturnType<typeof fixedClock>;
  /** Every log line the server wrote (debug and up), to check nothing secret is in them. */
  readonly logs: string[];
  api(method: string, route: string, options?: { token?: string; body?: unknown }): Promise<Answer>;
  /** A token of a new member of the default workspace with this role. */
  member(role: Role): Promise<string>;
  /** The owner's token of a new workspace. */
  otherWorkspace(): Promise<string>;
  /** A new builder (method oauth by default); answers its id. */
  builder(options?: { token?: string; integration?: string; method?: string }): Promise<string>;
  /** Sends the browser to the provider and answers the callback URL it redirects to. */
  consent(authorizationUrl: string): Promise<URL>;
  /** Calls our callback as the browser would, with the query the provider gave. */
  callback(query: string): Promise<{ readonly status: number; readonly location: string }>;
  /**
   * What the console does on `outcome=authorized`: confirms the authorization the callback's
   * Location carries, with this token (the owner's by default).
   */
  confirm(location: string, token?: string): Promise<Answer>;
  stop(): Promise<void>;
}

/**
 * The whole service (as `npm start` runs it) with {@link oauthyIntegration} and a fake OAuth
 * provider, a hand-moved clock and TRIGGER_URL at {@link TRIGGER_URL}: redirects meant for it are
 * followed to the real server address instead.
 */
export async function startOAuthTestServer(
  options: { readonly env?: Record<string, string>; readonly integrations?: readonly Integration[] } = {},
): Promise<OAuthTestServer> {
  const provider = await startFakeOAuthProvider();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tripline-oauth-'));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    TRIGGER_URL,
    TRIPLINE_DATA_DIR: dataDir,
    TRIPLINE_BOOTSTRAP_TOKEN: OWNER_TOKEN,
    TRIPLINE_SECRET_KEY: SECRET_KEY,
    [PROVIDER_URL_ENV]: provider.url,
    ...options.env,
  });
  const clock = fixedClock(Date.now());
  const logs: string[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(line) });
  const server = await startServer({
    config,
    clock,
    logger,
    integrations: options.integrations ?? [oauthyIntegration],
  });
  const api: OAuthTestServer['api'] = async (method, route, request = {}) => {
    const headers: Record<string, string> = { authorization: `Bearer ${request.token ?? OWNER_TOKEN}` };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${server.url}${route}`, {
      method,
      headers,
      ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : undefined };
  };
  const owner = await server.store.workspaces.authenticate(hashToken(OWNER_TOKEN), new Date(clock.now()));
  if (!owner) throw new Error('the bootstrap token does not authenticate');
  return {
    server,
    provider,
    clock,
    logs,
    api,
    member: async (role) => {
      const token = `tl_${role}-${newId()}`;
      await server.store.workspaces.addMember({
        workspaceId: owner.workspaceId,
        member: { id: newId(), name: role, role },
        token: { id: newId(), hash: hashToken(token), label: 'test' },
        now: new Date(clock.now()),
      });
      return token;
    },
    otherWorkspace: async () => {
      const created = await api('POST', '/api/v1/workspaces', { body: { name: `Other ${newId()}` } });
      if (created.status !== 201) throw new Error(`creating a workspace answered ${created.status}`);
      return String(created.json.token);
    },
    builder: async ({ token, integration = 'oauthy', method = 'oauth' } = {}) => {
      const created = await api('POST', `/api/v1/integrations/${integration}/subscription-builders`, {
        body: { method },
        ...(token ? { token } : {}),
      });
      if (created.status !== 201) {
        throw new Error(`creating a builder answered ${created.status}: ${JSON.stringify(created.json)}`);
      }
      return String(created.json.id);
    },
    consent: async (authorizationUrl) => {
      const response = await fetch(authorizationUrl, { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 302 || !location) throw new Error(`the provider answered ${response.status}`);
      return new URL(location);
    },
    callback: async (query) => {
      const response = await fetch(`${server.url}/oauth/callback${query}`, { redirect: 'manual' });
      return { status: response.status, location: response.headers.get('location') ?? '' };
    },
    confirm: async (location, token) => {
      const result = resultOf(location);
      return api('POST', `/api/v1/subscription-builders/${result.get('builder')}/oauth/confirm`, {
        body: { confirmation: result.get('confirmation') },
        ...(token ? { token } : {}),
      });
    },
    stop: async () => {
      await server.close();
      await provider.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The query of the console's result page a callback redirected to. */
export function resultOf(location: string): URLSearchParams {
  const prefix = '/#/oauth-result?';
  if (!location.startsWith(prefix)) throw new Error(`not a result page: ${location}`);
  return new URLSearchParams(location.slice(prefix.length));
}

/** The workspace `token` signs in to on the test server. */
export async function workspaceOf(http: OAuthTestServer, token: string): Promise<string> {
  const principal = await http.server.store.workspaces.authenticate(
    hashToken(token),
    new Date(http.clock.now()),
  );
  if (!principal) throw new Error('token does not authenticate');
  return principal.workspaceId;
}
