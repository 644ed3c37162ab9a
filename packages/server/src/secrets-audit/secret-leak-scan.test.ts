import { describe, expect, it } from 'vitest';
import { captureLogs, expectNoSecrets, findSecrets } from './secret-leak-scan.test-helpers.js';

const SECRET = 'whsec-Zq8/+r+tq"x y';

describe('findSecrets', () => {
  it('finds a secret in clear in a log line, naming the line, its message and the field', () => {
    const lines = [
      '{"msg":"started"}',
      JSON.stringify({ msg: 'patched', body: { properties: { s: SECRET } } }),
    ];
    expect(findSecrets({ secrets: [SECRET], logs: lines })).toEqual([
      { secret: 0, form: 'in clear', where: 'log line 2 ("patched") at body.properties.s' },
    ]);
  });

  it('finds a secret base64-encoded at any byte alignment, and in the URL alphabet', () => {
    for (const prefix of ['', 'u', 'us', 'user:']) {
      const basic = `Basic ${Buffer.from(`${prefix}${SECRET}`).toString('base64')}`;
      expect(findSecrets({ secrets: [SECRET], other: { header: basic } })).toMatchObject([
        { form: 'base64', where: 'header' },
      ]);
    }
    // These bytes encode to '+' and '/', which the URL alphabet writes as '-' and '_'.
    const symbols = 'key>>>???~~~';
    for (const prefix of ['', 'x', 'xy']) {
      const urlSafe = Buffer.from(`${prefix}${symbols}`).toString('base64url');
      expect(findSecrets({ secrets: [symbols], other: { id: urlSafe } })).toMatchObject([
        { form: 'base64url' },
      ]);
    }
  });

  it('finds a secret URL-encoded, form-encoded, JSON-escaped, as hex and inside bytes', () => {
    const cases: readonly [string, unknown][] = [
      ['URL-encoded', `/callback?secret=${encodeURIComponent(SECRET)}`],
      ['form-encoded', `secret=${encodeURIComponent(SECRET).replace(/%20/g, '+')}`],
      ['JSON-escaped', `not json: ${JSON.stringify(SECRET)}`],
      ['hex', Buffer.from(SECRET).toString('hex')],
      ['in clear', { body: new TextEncoder().encode(`{"a":1} ${SECRET}`) }],
    ];
    for (const [form, value] of cases) {
      expect(findSecrets({ secrets: [SECRET], requestLogs: [value] })).toMatchObject([{ form }]);
    }
  });

  it('finds a secret in an answer header or body, and in an object key', () => {
    const found = findSecrets({
      secrets: [SECRET],
      responses: [
        { label: 'GET /a', status: 200, headers: { 'x-echo': SECRET }, body: '{}' },
        { label: 'GET /b', status: 400, headers: {}, body: JSON.stringify({ [SECRET]: 1 }) },
      ],
    });
    expect(found.map((finding) => finding.where)).toEqual([
      'answer 1 (GET /a -> 200) at headers.x-echo',
      `answer 2 (GET /b -> 400) at body.${SECRET} (name)`,
    ]);
  });

  it('refuses secrets short enough to match by chance', () => {
    expect(() => findSecrets({ secrets: ['abc'], logs: ['abc'] })).toThrow(/at least 8 characters/);
  });
});

describe('expectNoSecrets', () => {
  it('passes when no secret shows up, and fails naming each place otherwise', () => {
    expectNoSecrets({ secrets: [SECRET], logs: ['{"msg":"nothing here"}'] });
    expect(() =>
      expectNoSecrets({
        secrets: ['not-here-123', SECRET],
        logs: [`{"msg":"leak ${encodeURIComponent(SECRET)}"}`],
      }),
    ).toThrow(/secret 2 \("whse\.\.\.", 19 characters\) URL-encoded: log line 1 \("leak .*"\) at msg/);
  });

  it('refuses to pass when given nothing to scan', () => {
    expect(() => expectNoSecrets({ secrets: [SECRET], logs: [] })).toThrow(/nothing to scan/);
  });
});

describe('captureLogs', () => {
  it('redacts credential fields and signature headers as the service logger does', () => {
    const logs = captureLogs();
    const values = ['gho_access-token-1', 'ghr_refresh-token-1', 'client-secret-1', 'sha256=abcdef0123'];
    logs.logger.info({ access_token: values[0], token: { refresh_token: values[1] } }, 'tokens');
    logs.logger.info({ client: { client_secret: values[2] } }, 'client');
    logs.logger.info({ req: { headers: { 'x-hub-signature-256': values[3] } } }, 'request');
    logs.logger.child({ password: 'password-binding' }).warn('child');
    expect(logs.lines).toHaveLength(4);
    expectNoSecrets({ secrets: [...values, 'password-binding'], logs: logs.lines });
    expect(logs.lines.join('')).toContain('[redacted]');
  });
});
