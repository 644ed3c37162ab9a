import { afterAll, beforeAll, expect } from 'vitest';
import { oauthyIntegration, plainOAuthIntegration } from '../../oauth/oauth-test-integration.test-helpers.js';
import {
  type Answer,
  type OAuthTestServer,
  OWNER_TOKEN,
  resultOf,
  startOAuthTestServer,
  workspaceOf as workspaceOfToken,
} from '../../oauth/oauth-test-server.test-helpers.js';
import type { BuilderRecord } from '../../store/records.js';

export interface OAuthRoutesServer {
  /** Filled in by the describe block's beforeAll: use it inside tests only. */
  readonly http: OAuthTestServer;
  /** POST .../oauth/authorize for a builder, with `token` (the owner's by default). */
  authorize(builderId: string, token?: string): Promise<Answer>;
  /** The workspace `token` signs in to. */
  workspaceOf(token: string): Promise<string>;
  /** The stored builder, as the workspace of `token` (the owner's by default) holds it. */
  builderRecord(builderId: string, token?: string): Promise<BuilderRecord | undefined>;
  /** authorize -> provider consent -> our callback, as the browser goes, then the console's confirm. */
  connect(
    builderId: string,
    token?: string,
  ): Promise<{
    readonly started: Answer;
    readonly back: URL;
    readonly done: { readonly status: number; readonly location: string };
    /** Only when the callback ended authorized. */
    readonly confirmed: Answer | undefined;
  }>;
}

/**
 * The server the oauth route tests share, started before the describe block's tests and stopped
 * after them: `oauthy` with a system client from the environment (`sys-app`), `plainoauth` (no
 * PKCE) with none, and the provider knowing `ws-app` and `plain-app` for workspace clients.
 *
 * ```ts
 * describe('oauth authorize', () => {
 *   const { http, authorize } = useOAuthRoutesServer();
 *   it('authorize answers 200', async () => expect((await authorize(await http.builder())).status).toBe(200));
 * });
 * ```
 */
export function useOAuthRoutesServer(): OAuthRoutesServer {
  // Tests take `http` while they are collected, before the server is up: beforeAll fills this object in.
  const http = {} as OAuthTestServer;
  beforeAll(async () => {
    Object.assign(
      http,
      await startOAuthTestServer({
        integrations: [oauthyIntegration, plainOAuthIntegration],
        env: {
          TRIPLINE_OAUTH_OAUTHY_CLIENT_ID: 'sys-app',
          TRIPLINE_OAUTH_OAUTHY_CLIENT_SECRET: 'sys-secret',
        },
      }),
    );
    http.provider.registerApp('sys-app', 'sys-secret');
    http.provider.registerApp('ws-app', 'ws-secret');
    http.provider.registerApp('plain-app', 'plain-secret');
  });
  afterAll(async () => {
    await http.stop();
  });

  const authorize = (builderId: string, token?: string) =>
    http.api('POST', `/api/v1/subscription-builders/${builderId}/oauth/authorize`, token ? { token } : {});

  const workspaceOf = (token: string) => workspaceOfToken(http, token);

  const builderRecord = async (builderId: string, token = OWNER_TOKEN) =>
    http.server.store.builders.get(await workspaceOf(token), builderId);

  const connect = async (builderId: string, token?: string) => {
    const started = await authorize(builderId, token);
    expect(started.status).toBe(200);
    const back = await http.consent(started.json.authorizationUrl);
    const done = await http.callback(back.search);
    const confirmed =
      resultOf(done.location).get('outcome') === 'authorized'
        ? await http.confirm(done.location, token)
        : undefined;
    return { started, back, done, confirmed };
  };

  return { http, authorize, workspaceOf, builderRecord, connect };
}
