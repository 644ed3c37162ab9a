import { describe, expect, it } from 'vitest';
import { rawRequest } from '../testing/raw-request.js';
import { signGitHubBody, verifyGitHubSignature } from './github-hmac.js';

// GitHub's published example from "Validating webhook deliveries".
const SECRET = "It's a Secret to Everybody";
const BODY = 'Hello, World!';
const SIGNATURE = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';

function signed(signature: string | undefined, body: string = BODY) {
  return rawRequest({ headers: { 'X-Hub-Signature-256': signature }, body });
}

describe('verifyGitHubSignature', () => {
  it('accepts the test vector from GitHub docs', () => {
    expect(verifyGitHubSignature(signed(SIGNATURE), SECRET)).toEqual({ ok: true });
  });

  it('accepts an upper-case hex digest', () => {
    const upper = `sha256=${SIGNATURE.slice('sha256='.length).toUpperCase()}`;
    expect(verifyGitHubSignature(signed(upper), SECRET)).toEqual({ ok: true });
  });

  it('refuses a tampered body', () => {
    expect(verifyGitHubSignature(signed(SIGNATURE, 'Hello, World?'), SECRET)).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
  });

  it('refuses a wrong secret', () => {
    expect(verifyGitHubSignature(signed(SIGNATURE), "It's a Secret to Somebody").ok).toBe(false);
  });

  it('refuses an empty secret even with a matching signature', () => {
    const result = verifyGitHubSignature(signed(signGitHubBody(BODY, '')), '');
    expect(result).toEqual({ ok: false, reason: 'GitHub webhook secret is empty' });
  });

  it('names a missing header', () => {
    expect(verifyGitHubSignature(signed(undefined), SECRET)).toEqual({
      ok: false,
      reason: 'missing x-hub-signature-256 header',
    });
  });

  it.each([
    ['sha1=757107ea', 'must start with "sha256="'],
    ['sha256=not-hex', 'is not hex'],
    ['sha256=abc', 'is not hex'],
    ['sha256=', 'signature does not match'],
    ['sha256=757107ea', 'signature does not match'],
  ])('refuses the garbled header %s', (signature, reason) => {
    const result = verifyGitHubSignature(signed(signature), SECRET);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toContain(reason);
  });

  it('never echoes the secret in a reason', () => {
    const result = verifyGitHubSignature(signed('sha256=00'), SECRET);
    expect(JSON.stringify(result)).not.toContain('Secret');
  });
});

describe('signGitHubBody', () => {
  it('reproduces the test vector from GitHub docs', () => {
    expect(signGitHubBody(BODY, SECRET)).toBe(SIGNATURE);
  });

  it('signs bytes and the equal string alike', () => {
    expect(signGitHubBody(new TextEncoder().encode(BODY), SECRET)).toBe(SIGNATURE);
  });
});
