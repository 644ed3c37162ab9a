import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactUrl } from '../api/log-redaction.js';
import { type AuditedServer, expectNoSecrets, startAuditedServer } from './secret-leak-scan.test-helpers.js';

describe('redactUrl', () => {
  it('drops the whole query of the OAuth callback', () => {
    expect(redactUrl('/oauth/callback?code=abc&state=xyz')).toBe('/oauth/callback');
    expect(redactUrl('/oauth/callback/?error=access_denied&state=xyz')).toBe('/oauth/callback/');
  });

  it('replaces credential-named query values elsewhere and keeps the rest as sent', () => {
    expect(redactUrl('/api/v1/runs?limit=5&token=abc&Access%5Ftoken=def&flag')).toBe(
      '/api/v1/runs?limit=5&token=[redacted]&Access%5Ftoken=[redacted]&flag',
    );
    expect(redactUrl('/api/v1/workflows/1/runs?before=01a2&limit=20')).toBe(
      '/api/v1/workflows/1/runs?before=01a2&limit=20',
    );
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});

describe('request lines of the API log', () => {
  let audit: AuditedServer;
  const code = `oauth-code-${randomUUID()}`;
  const state = `oauth-state-${randomUUID()}`;
  const token = `query-token-${randomUUID()}`;

  beforeAll(async () => {
    audit = await startAuditedServer();
    await audit.request('GET', `/oauth/callback?code=${code}&state=${state}`, { token: null });
    await audit.request('GET', `/api/v1/nowhere?token=${encodeURIComponent(token)}&limit=1`);
    await audit.request('GET', '/api/v1/workspace', { headers: { cookie: `session=${token}` } });
    await audit.server.close();
  });
  afterAll(() => audit?.stop());

  it('show the OAuth callback without its code and state', () => {
    const urls = audit.logs.lines.map((line) => (JSON.parse(line) as { req?: { url?: string } }).req?.url);
    expect(urls).toContain('/oauth/callback');
    expect(urls).toContain('/api/v1/nowhere?token=[redacted]&limit=1');
  });

  it('hold no code, state, token or cookie, and neither do the answers', () => {
    expectNoSecrets({ secrets: [code, state, token], logs: audit.logs.lines, responses: audit.responses });
  });
});
