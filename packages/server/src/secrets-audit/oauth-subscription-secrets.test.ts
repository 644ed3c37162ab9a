import { randomUUID } from 'node:crypto';
import { MASKED_SECRET } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AutomaticAudit,
  confirmAuthorization,
  databaseBytes,
  deliverSigned,
  hookSecrets,
  openedCredential,
  refreshCredentialsNow,
  startAutomaticAudit,
} from './automatic-flow.test-helpers.js';
import {
  type AuditedResponse,
  expectNoSecrets,
  type RecordedResponse,
} from './secret-leak-scan.test-helpers.js';

interface CredentialSummary {
  readonly id: string;
  readonly status: string;
  readonly expiresAt: string | null;
}

interface OAuthView {
  readonly id: string;
  readonly status?: string;
  readonly credential: CredentialSummary | null;
}

const REPOSITORY = 'octocat/hello';
const CLIENT_ID = 'Iv1.tripline-audit';
/** The OAuth app's secret, typed into the PUT oauth-client: never shown back. */
const CLIENT_SECRET = `gh-client-secret-${randomUUID()}`;
/** Shorter than the refresh margin, so the scheduler's next pass renews the token. */
const TOKEN_TTL_SECONDS = 300;

describe('a GitHub OAuth subscription keeps client secret, code, state, confirmation and tokens out of answers and logs', () => {
  let automatic: AutomaticAudit;
  let authorize: AuditedResponse<{ authorizationUrl: string }>;
  let callback: RecordedResponse;
  let code: string;
  let state: string;
  let confirmation: string;
  let before: Record<string, string>;
  let after: Record<string, string>;
  let views: AuditedResponse<OAuthView>[];
  let checked: AuditedResponse<OAuthView>;
  let webhookSecrets: string[];
  let signatures: readonly string[];
  let shownLogs: unknown;
  let database: Buffer;

  beforeAll(async () => {
    automatic = await startAutomaticAudit(
      (github, triggerUrl) => {
        github.addUser({ login: 'octocat' });
        github.addRepository({ fullName: REPOSITORY, login: 'octocat' });
        github.registerOAuthApp({
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          callbackUrl: `${triggerUrl}/oauth/callback`,
          expiringTokens: true,
        });
      },
      { tokenTtlSeconds: TOKEN_TTL_SECONDS },
    );
    const { audit, github } = automatic;
    const client = '/api/v1/integrations/github/oauth-client';
    const put = await audit.request('PUT', client, {
      json: { client: { client_id: CLIENT_ID, client_secret: CLIENT_SECRET } },
    });
    expect(put.status).toBe(200);
    await audit.request('GET', client);
    const created = await audit.request<OAuthView>(
      'POST',
      '/api/v1/integrations/github/subscription-builders',
      {
        json: { method: 'oauth' },
      },
    );
    const { id } = created.json;
    const builder = `/api/v1/subscription-builders/${id}`;
    const subscription = `/api/v1/subscriptions/${id}`;
    authorize = await audit.request('POST', `${builder}/oauth/authorize`);
    expect(authorize.status).toBe(200);

    // The browser at GitHub: consent redirects to our callback with the code and the state.
    const consent = await fetch(authorize.json.authorizationUrl, { redirect: 'manual' });
    const callbackUrl = new URL(String(consent.headers.get('location')));
    code = callbackUrl.searchParams.get('code') ?? '';
    state = callbackUrl.searchParams.get('state') ?? '';
    const answer = await fetch(callbackUrl, { redirect: 'manual' });
    callback = {
      label: 'GET /oauth/callback',
      status: answer.status,
      headers: Object.fromEntries(answer.headers),
      body: await answer.text(),
    };
    // The console's result page confirms the authorization with the same member's session.
    const confirmed = await confirmAuthorization<OAuthView>(audit, String(answer.headers.get('location')));
    confirmation = confirmed.confirmation;

    const connected = await audit.request<OAuthView>('GET', builder);
    expect(confirmed.confirmed.json).toEqual(connected.json);
    const workspace = await audit.request<{ id: string }>('GET', '/api/v1/workspace');
    const credentialId = connected.json.credential?.id ?? '';
    before = await openedCredential(automatic, workspace.json.id, credentialId);
    expect((await audit.request('POST', `${builder}/verify`)).status).toBe(200);
    await audit.request('PATCH', builder, {
      json: { parameters: { repository: REPOSITORY, events: ['push'] } },
    });
    const built = await audit.request<OAuthView>('POST', `${builder}/build`);
    expect(built.status).toBe(201);
    const listed = await audit.request<{ items: OAuthView[] }>(
      'GET',
      '/api/v1/integrations/github/subscriptions',
    );
    views = [connected, built, await audit.request<OAuthView>('GET', subscription)];
    expect(listed.json.items).toHaveLength(1);

    webhookSecrets = hookSecrets(github, REPOSITORY);
    const signed = await deliverSigned(github, {
      fullName: REPOSITORY,
      event: 'push',
      payload: { ref: 'refs/heads/main', repository: { full_name: REPOSITORY }, commits: [] },
    });
    expect(signed.delivery.status).toBe(200);
    signatures = signed.signatures;
    shownLogs = (await audit.request('GET', `${subscription}/logs`)).json;

    await refreshCredentialsNow(automatic);
    after = await openedCredential(automatic, workspace.json.id, credentialId);
    // With the old token refused, an active check shows the renewed one is in use.
    github.revokeToken(before.access_token ?? '');
    checked = await audit.request<OAuthView>('POST', `${subscription}/check`);
    expect((await audit.request('DELETE', subscription)).status).toBe(204);
    expect(github.hooks(REPOSITORY)).toEqual([]);
    await audit.request('DELETE', client);
    await audit.server.close();
    database = databaseBytes(audit.dataDir);
  });
  afterAll(() => automatic?.stop());

  it('connects, builds on the saved authorization and renews its expiring token', () => {
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toContain('outcome=authorized');
    expect(code).toMatch(/^[0-9a-f]{20}$/);
    expect(state.length).toBeGreaterThanOrEqual(32);
    expect(confirmation).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(before.access_token).toMatch(/^ghu_/);
    expect(before.refresh_token).toMatch(/^ghr_/);
    expect(after.access_token).toMatch(/^ghu_/);
    expect(after.access_token).not.toBe(before.access_token);
    expect(after.refresh_token).not.toBe(before.refresh_token);
    expect(checked.json.status).toBe('active');
    expect(webhookSecrets).toHaveLength(1);
    expect(automatic.audit.logs.lines.some((line) => line.includes('"credential refreshed"'))).toBe(true);
  });

  it('shows only a credential summary in builder and subscription views', () => {
    for (const view of [...views, checked]) {
      expect(Object.keys(view.json.credential ?? {}).sort()).toEqual(['expiresAt', 'id', 'status']);
    }
    const masked = automatic.audit.responses.filter((response) => response.body.includes(MASKED_SECRET));
    expect(masked.length).toBeGreaterThanOrEqual(2);
  });

  it('never shows a secret of the flow in an answer, log line, request log or the database', () => {
    const secrets = [
      CLIENT_SECRET,
      code,
      before.access_token ?? '',
      before.refresh_token ?? '',
      after.access_token ?? '',
      after.refresh_token ?? '',
      ...webhookSecrets,
      ...signatures,
    ];
    expectNoSecrets({
      secrets: [...secrets, state, confirmation],
      logs: automatic.audit.logs.lines,
      responses: automatic.audit.responses.filter((response) => response !== authorize),
      requestLogs: [shownLogs],
      other: { 'database files': database },
    });
    // The callback hands the confirmation to the console in its Location's fragment, by design;
    // nothing else of the flow rides along.
    expectNoSecrets({ secrets: [...secrets, state], responses: [callback] });
    expect(callback.headers.location).toContain(confirmation);
    // The authorization URL carries the state to GitHub by design (so does the browser's request
    // there, in GitHub's request log); nothing else may ride along.
    expectNoSecrets({
      secrets: [...secrets, confirmation],
      responses: [authorize],
      other: { "GitHub's request log": automatic.github.requests },
    });
  });
});
