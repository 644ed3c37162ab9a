import { randomUUID } from 'node:crypto';
import { MASKED_SECRET } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AutomaticAudit,
  databaseBytes,
  deliverSigned,
  hookSecrets,
  startAutomaticAudit,
} from './automatic-flow.test-helpers.js';
import { type AuditedResponse, expectNoSecrets } from './secret-leak-scan.test-helpers.js';

interface SubscriptionAnswer {
  readonly id: string;
  readonly status: string;
  readonly hasCredentials: boolean;
  readonly properties: Readonly<Record<string, string>>;
}

interface RequestLogAnswer {
  readonly id: string;
  readonly deliveryId: string | null;
  readonly request: { readonly headers: Readonly<Record<string, string>> };
}

interface ErrorAnswer {
  readonly error: { readonly code: string; readonly message: string };
}

const REPOSITORY = 'octocat/hello';
/** GitHub's 422 when a webhook for the same URL is already on the repository. */
const HOOK_EXISTS = { resource: 'Hook', code: 'custom', message: 'Hook already exists on this repository' };
const PUSH = { ref: 'refs/heads/main', repository: { full_name: REPOSITORY }, commits: [] };
const ISSUE = { action: 'opened', issue: { number: 1 }, repository: { full_name: REPOSITORY } };

describe('an api-key GitHub subscription keeps the token and webhook secrets out of every answer and log', () => {
  let automatic: AutomaticAudit;
  let token: string;
  /** Every secret the webhook had (build, rebuild, re-creation): GitHub signs with each in turn. */
  const webhookSecrets = new Set<string>();
  const signatures: string[] = [];
  const deliveries: unknown[] = [];
  let built: AuditedResponse<SubscriptionAnswer>;
  let checked: AuditedResponse<SubscriptionAnswer>;
  let shownLogs: RequestLogAnswer[];
  let storedLogs: readonly unknown[];
  let database: Buffer;

  async function deliver(event: string, payload: unknown): Promise<number> {
    for (const secret of hookSecrets(automatic.github, REPOSITORY)) webhookSecrets.add(secret);
    const signed = await deliverSigned(automatic.github, { fullName: REPOSITORY, event, payload });
    signatures.push(...signed.signatures);
    deliveries.push(signed.delivery);
    return signed.delivery.status;
  }

  beforeAll(async () => {
    automatic = await startAutomaticAudit((github) => {
      ({ token } = github.addUser({ login: 'octocat' }));
      github.addRepository({ fullName: REPOSITORY, login: 'octocat' });
      github.addRepository({ fullName: 'octocat/world', login: 'octocat' });
    });
    const { audit, github } = automatic;
    const created = await audit.request<{ id: string }>(
      'POST',
      '/api/v1/integrations/github/subscription-builders',
      { json: { method: 'api-key' } },
    );
    const { id } = created.json;
    const builder = `/api/v1/subscription-builders/${id}`;
    const subscription = `/api/v1/subscriptions/${id}`;
    expect(
      (await audit.request('PATCH', builder, { json: { credentials: { access_token: token } } })).status,
    ).toBe(200);
    expect((await audit.request('POST', `${builder}/verify`)).status).toBe(200);
    expect((await audit.request('GET', `${builder}/parameters/repository/options`)).status).toBe(200);
    await audit.request('PATCH', builder, {
      json: { name: 'Audited', parameters: { repository: REPOSITORY, events: ['push', 'issues'] } },
    });
    await audit.request('GET', builder);
    built = await audit.request<SubscriptionAnswer>('POST', `${builder}/build`);
    expect(built.status).toBe(201);

    await audit.request('GET', '/api/v1/integrations/github/subscriptions');
    await audit.request('GET', subscription);
    await audit.request('PATCH', subscription, { json: { name: 'Audited, renamed' } });
    const kept = await audit.request<SubscriptionAnswer>('PATCH', subscription, {
      json: { credentials: { access_token: MASKED_SECRET } },
    });
    expect(kept.status).toBe(200);
    expect(await deliver('push', PUSH)).toBe(200);
    const rebuilt = await audit.request('PATCH', subscription, {
      json: { parameters: { events: ['push', 'issues', 'pull_request'] } },
    });
    expect(rebuilt.status).toBe(200);
    expect(await deliver('issues', ISSUE)).toBe(200);

    const logs = await audit.request<{ items: RequestLogAnswer[] }>('GET', `${subscription}/logs`);
    shownLogs = logs.json.items;
    const first = shownLogs.at(-1)?.id ?? '';
    shownLogs = [
      ...shownLogs,
      (await audit.request<RequestLogAnswer>('GET', `${subscription}/logs/${first}`)).json,
    ];
    expect((await audit.request('POST', `${subscription}/logs/${first}/replay`)).status).toBe(202);

    // The check re-creates a webhook deleted in GitHub with the token kept through the masked PATCH.
    for (const secret of hookSecrets(github, REPOSITORY)) webhookSecrets.add(secret);
    const [hook] = github.hooks(REPOSITORY);
    github.deleteHookBehindOurBack(REPOSITORY, Number(hook?.id));
    checked = await audit.request<SubscriptionAnswer>('POST', `${subscription}/check`);
    expect(await deliver('push', PUSH)).toBe(200);
    shownLogs = [
      ...shownLogs,
      ...(await audit.request<{ items: RequestLogAnswer[] }>('GET', `${subscription}/logs`)).json.items,
    ];
    const workspace = await audit.request<{ id: string }>('GET', '/api/v1/workspace');
    storedLogs = await audit.server.store.requestLogs.list({
      workspaceId: workspace.json.id,
      endpointId: id,
      limit: 200,
    });
    expect((await audit.request('DELETE', subscription)).status).toBe(204);
    expect(github.hooks(REPOSITORY)).toEqual([]);
    await audit.server.close();
    database = databaseBytes(audit.dataDir);
  });
  afterAll(() => automatic?.stop());

  it('built one webhook, rebuilt it, re-created it at check and took deliveries signed with each secret', () => {
    expect(built.json).toMatchObject({ status: 'active', hasCredentials: true });
    expect(built.json.properties.webhook_secret).toBe(MASKED_SECRET);
    expect(checked.status).toBe(200);
    expect(checked.json.status).toBe('active');
    expect(webhookSecrets.size).toBeGreaterThanOrEqual(2);
    expect(signatures).toHaveLength(6);
    expect(shownLogs.filter((log) => log.deliveryId !== null).length).toBeGreaterThanOrEqual(3);
    for (const log of shownLogs) expect(log.request.headers['x-hub-signature-256']).toBe('[redacted]');
  });

  it('never shows the token, a webhook secret or a signature in an answer, log line or request log', () => {
    expect(automatic.audit.logs.lines.some((line) => line.includes('GitHub webhook ready'))).toBe(true);
    expect(storedLogs.length).toBeGreaterThanOrEqual(3);
    expectNoSecrets({
      secrets: [token, ...webhookSecrets, ...signatures],
      logs: automatic.audit.logs.lines,
      responses: automatic.audit.responses,
      requestLogs: [...shownLogs, ...storedLogs],
      other: { 'deliveries as GitHub saw them': deliveries },
    });
  });

  it('keeps the token out of GitHub request log and, with the webhook secrets, out of the database', () => {
    expect(automatic.github.requests.length).toBeGreaterThan(5);
    expect(database.length).toBeGreaterThan(0);
    expectNoSecrets({
      secrets: [token, ...webhookSecrets, ...signatures],
      other: { "GitHub's request log": automatic.github.requests, 'database files': database },
    });
  });
});

describe('failed GitHub calls explain themselves without echoing a secret', () => {
  let automatic: AutomaticAudit;
  let token: string;
  /** Shaped like a classic token, unknown to GitHub. */
  const badToken = `ghp_${randomUUID().replaceAll('-', '')}`;
  let refused: AuditedResponse<ErrorAnswer>[];
  let outage: AuditedResponse<ErrorAnswer>;
  let conflict: AuditedResponse<ErrorAnswer>;
  let unadoptable: AuditedResponse<SubscriptionAnswer & { statusReason: string | null }>;
  let webhookSecrets: string[];
  let hooksAfterOutage: number;

  /** A builder for REPOSITORY with this token, ready to build; answers its path. */
  async function builderWith(accessToken: string): Promise<string> {
    const { audit } = automatic;
    const created = await audit.request<{ id: string }>(
      'POST',
      '/api/v1/integrations/github/subscription-builders',
      { json: { method: 'api-key' } },
    );
    const builder = `/api/v1/subscription-builders/${created.json.id}`;
    await audit.request('PATCH', builder, {
      json: {
        parameters: { repository: REPOSITORY, events: ['push'] },
        credentials: { access_token: accessToken },
      },
    });
    return builder;
  }

  beforeAll(async () => {
    automatic = await startAutomaticAudit((github) => {
      ({ token } = github.addUser({ login: 'octocat' }));
      github.addRepository({ fullName: REPOSITORY, login: 'octocat' });
    });
    const { audit, github } = automatic;
    const bad = await builderWith(badToken);
    refused = [
      await audit.request('POST', `${bad}/verify`),
      await audit.request('GET', `${bad}/parameters/repository/options`),
      await audit.request('POST', `${bad}/build`),
    ];

    const good = await builderWith(token);
    github.failNext({ status: 502, method: 'POST', pathEndsWith: '/hooks' });
    outage = await audit.request('POST', `${good}/build`);
    hooksAfterOutage = github.hooks(REPOSITORY).length;
    github.failNext({ status: 422, method: 'POST', pathEndsWith: '/hooks', errors: [HOOK_EXISTS] });
    conflict = await audit.request('POST', `${good}/build`);

    // A webhook changed in GitHub is adopted at check; here GitHub refuses the update too.
    const built = await audit.request<SubscriptionAnswer>('POST', `${good}/build`);
    expect(built.status).toBe(201);
    webhookSecrets = hookSecrets(github, REPOSITORY);
    const [hook] = github.hooks(REPOSITORY);
    github.changeHookBehindOurBack(REPOSITORY, Number(hook?.id), { events: ['star'] });
    github.failNext({
      status: 422,
      method: 'PATCH',
      pathEndsWith: `/hooks/${hook?.id}`,
      errors: [{ resource: 'Hook', code: 'custom', message: 'Hook is locked by an organization policy' }],
    });
    unadoptable = await audit.request('POST', `/api/v1/subscriptions/${built.json.id}/check`);
    await audit.server.close();
  });
  afterAll(() => automatic?.stop());

  it('answers a refused token with GitHub message, never the token', () => {
    expect(refused.map((answer) => answer.status)).toEqual([400, 400, 400]);
    for (const answer of refused) expect(answer.json.error.message).toContain('Bad credentials');
    expectNoSecrets({ secrets: [badToken, token], responses: refused });
  });

  it('answers a GitHub outage during build with 502 naming the step, and builds nothing', () => {
    expect(outage.status).toBe(502);
    expect(outage.json.error.message).toMatch(/creating the webhook.*502.*Server Error/);
    expect(hooksAfterOutage).toBe(0);
  });

  it('explains a webhook GitHub says exists but that cannot be adopted', () => {
    expect(conflict.status).toBe(400);
    expect(conflict.json.error.code).toBe('hook_conflict');
    expect(conflict.json.error.message).toContain(`/${REPOSITORY}/settings/hooks`);
    expect(unadoptable.status).toBe(200);
    expect(unadoptable.json.status).toBe('error');
    expect(unadoptable.json.statusReason).toContain('Hook is locked by an organization policy');
  });

  it('echoes no token or webhook secret in these answers or any log line', () => {
    expect(webhookSecrets).toHaveLength(1);
    expectNoSecrets({
      secrets: [token, badToken, ...webhookSecrets],
      logs: automatic.audit.logs.lines,
      responses: automatic.audit.responses,
      other: { "GitHub's request log": automatic.github.requests },
    });
  });
});
