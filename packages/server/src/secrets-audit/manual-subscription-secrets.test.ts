import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { MASKED_SECRET, signGitHubBody } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuditedResponse,
  type AuditedServer,
  expectNoSecrets,
  findSecrets,
  type RecordedResponse,
  startAuditedServer,
} from './secret-leak-scan.test-helpers.js';

interface EndpointAnswer {
  readonly id: string;
  readonly endpoint: string;
  readonly properties: { readonly webhook_secret?: string };
}

interface RequestLogAnswer {
  readonly id: string;
  readonly request: { readonly headers: Readonly<Record<string, string>> };
}

/** The secret a user pastes into GitHub and sets on the builder. */
const USER_SECRET = `user-secret-${randomUUID()}`;
/** A secret sent only in refused requests: it must never come back or be kept. */
const REFUSED_SECRET = `refused-secret-${randomUUID()}`;

describe('a manual GitHub subscription keeps its webhook secret out of logs and answers', () => {
  let audit: AuditedServer;
  let generatedSecret: string;
  let created: AuditedResponse<EndpointAnswer>;
  let patched: AuditedResponse<EndpointAnswer>;
  let refusals: AuditedResponse<unknown>[];
  const signatures: string[] = [];
  let shownLogs: RequestLogAnswer[];
  let storedLogs: readonly unknown[];
  let database: Buffer;

  /** A GitHub push delivery signed with `secret`, sent to an endpoint. */
  async function deliver(endpoint: string, secret: string): Promise<AuditedResponse<unknown>> {
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      commits: [],
      repository: { full_name: 'octo/repo' },
    });
    const signature = signGitHubBody(body, secret);
    signatures.push(signature);
    return audit.request('POST', new URL(endpoint).pathname, {
      token: null,
      body,
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'push',
        'x-github-delivery': randomUUID(),
        'x-hub-signature-256': signature,
      },
    });
  }

  beforeAll(async () => {
    audit = await startAuditedServer();
    created = await audit.request<EndpointAnswer>(
      'POST',
      '/api/v1/integrations/github/subscription-builders',
      {
        json: { method: 'manual' },
      },
    );
    generatedSecret = created.json.properties.webhook_secret ?? '';
    const { id, endpoint } = created.json;
    const builder = `/api/v1/subscription-builders/${id}`;
    patched = await audit.request<EndpointAnswer>('PATCH', builder, {
      json: { name: 'Audited', properties: { webhook_secret: USER_SECRET } },
    });
    await audit.request('GET', builder);
    await audit.request('PATCH', builder, { json: { properties: { webhook_secret: MASKED_SECRET } } });
    refusals = [
      await audit.request('PATCH', builder, {
        json: { properties: { webhook_secret: REFUSED_SECRET, bogus: 'x' } },
      }),
      await audit.request('PATCH', builder, {
        json: { name: 5, properties: { webhook_secret: REFUSED_SECRET } },
      }),
      await audit.request('PATCH', builder, {
        body: `{"properties": {"webhook_secret": ${REFUSED_SECRET}}}`,
        headers: { 'content-type': 'application/json' },
      }),
    ];
    expect((await deliver(endpoint, USER_SECRET)).status).toBe(200);
    await audit.request('GET', `${builder}/logs`);
    expect((await audit.request('POST', `${builder}/build`)).status).toBe(201);

    await audit.request('GET', '/api/v1/integrations/github/subscriptions');
    await audit.request('GET', `/api/v1/subscriptions/${id}`);
    await audit.request('PATCH', `/api/v1/subscriptions/${id}`, { json: { name: 'Audited and built' } });
    expect((await deliver(endpoint, USER_SECRET)).status).toBe(200);
    expect((await deliver(endpoint, generatedSecret)).status).toBe(401);
    const logs = await audit.request<{ items: RequestLogAnswer[] }>(
      'GET',
      `/api/v1/subscriptions/${id}/logs`,
    );
    shownLogs = logs.json.items;
    const first = shownLogs.at(-1)?.id ?? '';
    await audit.request('GET', `/api/v1/subscriptions/${id}/logs/${first}`);
    expect((await audit.request('POST', `/api/v1/subscriptions/${id}/logs/${first}/replay`)).status).toBe(
      202,
    );
    await audit.request('GET', `/api/v1/subscriptions/${id}/logs`);

    const workspace = await audit.request<{ id: string }>('GET', '/api/v1/workspace');
    storedLogs = await audit.server.store.requestLogs.list({
      workspaceId: workspace.json.id,
      endpointId: id,
      limit: 200,
    });
    await audit.server.close();
    database = Buffer.concat(
      ['tripline.db', 'tripline.db-wal']
        .map((file) => path.join(audit.dataDir, file))
        .filter((file) => existsSync(file))
        .map((file) => readFileSync(file)),
    );
  });
  afterAll(() => audit?.stop());

  it('shows each secret in clear in the one answer that set it, and masked everywhere else', () => {
    expect(created.status).toBe(201);
    expect(generatedSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(patched.json.properties.webhook_secret).toBe(USER_SECRET);
    const secrets = [generatedSecret, USER_SECRET];
    expect(findSecrets({ secrets, responses: [created] }).map((finding) => finding.secret)).toEqual([0]);
    expect(findSecrets({ secrets, responses: [patched] }).map((finding) => finding.secret)).toEqual([1]);
    const masked = audit.responses.filter((response) => response.body.includes(MASKED_SECRET));
    expect(masked.length).toBeGreaterThanOrEqual(4);
  });

  it('never shows a secret in any other answer, log line, request log or the database', () => {
    const firstShows: readonly RecordedResponse[] = [created, patched];
    expect(audit.logs.lines.some((line) => line.includes('"incoming request"'))).toBe(true);
    expect(storedLogs.length).toBeGreaterThanOrEqual(4);
    expectNoSecrets({
      secrets: [generatedSecret, USER_SECRET, REFUSED_SECRET, ...signatures],
      logs: audit.logs.lines,
      responses: audit.responses.filter((response) => !firstShows.includes(response)),
      requestLogs: [...shownLogs, ...storedLogs],
      other: { 'database files': database },
    });
  });

  it('redacts the X-Hub-Signature-256 header in request logs', () => {
    expect(shownLogs.length).toBeGreaterThanOrEqual(3);
    for (const log of shownLogs) expect(log.request.headers['x-hub-signature-256']).toBe('[redacted]');
  });

  it('refuses invalid edits without echoing the secret they carried', () => {
    expect(refusals.map((refusal) => refusal.status)).toEqual([400, 400, 400]);
    expectNoSecrets({ secrets: [REFUSED_SECRET], responses: refusals });
  });
});
