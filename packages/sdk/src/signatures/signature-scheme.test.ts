import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { flipBodyByte, rawRequest } from '../testing/raw-request.js';
import {
  SIGNATURE_SCHEME_KINDS,
  type SignatureScheme,
  signatureHeaders,
  verifySignature,
} from './signature-scheme.js';

const clock = fixedClock(Date.parse('2026-03-01T12:00:00Z'));
const BODY = '{"event":"created","id":42}';

const schemes: readonly SignatureScheme[] = [
  { kind: 'github', secret: 'gh-secret' },
  { kind: 'stripe', secret: 'whsec_stripe', toleranceSeconds: 60 },
  { kind: 'slack', secret: 'slack-signing-secret' },
  { kind: 'standard-webhooks', secret: 'whsec_c2VjcmV0LWtleS1mb3ItdGVzdHM=' },
];

const wrongSecrets: Record<SignatureScheme['kind'], string> = {
  github: 'gh-secreT',
  stripe: 'whsec_strip',
  slack: 'slack-signing-secreT',
  'standard-webhooks': 'whsec_d2VjcmV0LWtleS1mb3ItdGVzdHM=',
};

describe('verifySignature', () => {
  it('covers every scheme kind in these tests', () => {
    expect(schemes.map((scheme) => scheme.kind)).toEqual(SIGNATURE_SCHEME_KINDS);
  });

  for (const scheme of schemes) {
    const request = rawRequest({ headers: signatureHeaders(scheme, { body: BODY, clock }), body: BODY });

    it(`${scheme.kind}: accepts a request signed by signatureHeaders`, () => {
      expect(verifySignature(scheme, request, clock)).toEqual({ ok: true });
    });

    it(`${scheme.kind}: refuses the request with one body byte flipped`, () => {
      expect(verifySignature(scheme, flipBodyByte(request), clock).ok).toBe(false);
    });

    it(`${scheme.kind}: refuses a wrong secret`, () => {
      const result = verifySignature({ ...scheme, secret: wrongSecrets[scheme.kind] }, request, clock);
      expect(result.ok ? '' : result.reason).toMatch(/^(no v1 signature matches|signature does not match)$/);
    });

    it(`${scheme.kind}: refuses a request without headers, naming the missing one`, () => {
      const result = verifySignature(scheme, { ...request, headers: {} }, clock);
      expect(result.ok ? '' : result.reason).toMatch(/^missing [a-z0-9-]+ header$/);
    });
  }

  it('refuses timestamped schemes once the tolerance has passed, but not github', () => {
    const late = fixedClock(clock.now() + 3_600_000);
    const outcomes = schemes.map((scheme) => {
      const request = rawRequest({ headers: signatureHeaders(scheme, { body: BODY, clock }), body: BODY });
      return [scheme.kind, verifySignature(scheme, request, late).ok];
    });
    expect(Object.fromEntries(outcomes)).toEqual({
      github: true,
      stripe: false,
      slack: false,
      'standard-webhooks': false,
    });
  });

  it('refuses an unknown scheme kind from untyped data instead of throwing', () => {
    const scheme = JSON.parse('{"kind":"gitlab","secret":"x"}') as SignatureScheme;
    expect(verifySignature(scheme, rawRequest(), clock)).toEqual({
      ok: false,
      reason: 'signature scheme kind "gitlab" is not one of github, stripe, slack, standard-webhooks',
    });
  });
});

describe('signatureHeaders', () => {
  it('uses the given Standard Webhooks message id', () => {
    const headers = signatureHeaders(schemes[3]!, { body: BODY, clock, id: 'msg_42' });
    expect(headers['webhook-id']).toBe('msg_42');
    expect(headers['webhook-timestamp']).toBe(String(clock.now() / 1000));
  });

  it('throws for an unknown scheme kind', () => {
    const scheme = JSON.parse('{"kind":"gitlab","secret":"x"}') as SignatureScheme;
    expect(() => signatureHeaders(scheme, { body: BODY, clock })).toThrow(/"gitlab" is not one of/);
  });
});
