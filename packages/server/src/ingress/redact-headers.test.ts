import { describe, expect, it } from 'vitest';
import { HeaderRedactor, REDACTED } from './redact-headers.js';

describe('HeaderRedactor', () => {
  it('redacts credential-bearing headers and keeps the ones users debug with', () => {
    const { clear, redacted } = new HeaderRedactor().split({
      'x-hub-signature-256': 'sha256=abc',
      'x-hub-signature': 'sha1=abc',
      authorization: 'Bearer t',
      'proxy-authorization': 'Basic x',
      cookie: 'a=b',
      'x-gitlab-token': 't',
      'stripe-signature': 't=1,v1=x',
      'x-api-key': 'k',
      'x-webhook-secret': 's',
      'x-github-event': 'push',
      'x-github-delivery': 'd',
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/1',
      'set-cookie': ['a=1', 'b=2'],
    });
    expect(redacted).toEqual({
      'x-hub-signature-256': REDACTED,
      'x-hub-signature': REDACTED,
      authorization: REDACTED,
      'proxy-authorization': REDACTED,
      cookie: REDACTED,
      'x-gitlab-token': REDACTED,
      'stripe-signature': REDACTED,
      'x-api-key': REDACTED,
      'x-webhook-secret': REDACTED,
      'x-github-event': 'push',
      'x-github-delivery': 'd',
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/1',
      'set-cookie': REDACTED,
    });
    expect(clear['x-hub-signature-256']).toBe('sha256=abc');
    expect(clear['set-cookie']).toBe('a=1, b=2');
  });

  it('stops remembering decisions past its bound but still decides', () => {
    const redactor = new HeaderRedactor({ maxNames: 2 });
    for (let i = 0; i < 10; i += 1) expect(redactor.isSensitive(`x-custom-${i}`)).toBe(false);
    expect(redactor.isSensitive('x-custom-token')).toBe(true);
  });
});
