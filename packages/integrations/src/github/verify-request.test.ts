import { fixedClock } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { githubDelivery, SECRET } from './examples.test-helpers.js';
import { verifyGitHubRequest } from './verify-request.js';

const clock = fixedClock(0);
const request = githubDelivery({ event: 'push', body: '{"ref":"refs/heads/main"}' });

describe('verifyGitHubRequest', () => {
  it('accepts a body signed with the subscription secret', () => {
    expect(verifyGitHubRequest({ request, properties: { webhook_secret: SECRET }, clock })).toEqual({
      ok: true,
    });
  });

  it.each([
    ['no secret', {}],
    ['an empty secret', { webhook_secret: '' }],
    ['a secret that is not text', { webhook_secret: ['x'] }],
  ])('refuses every request for a subscription with %s', (_label, properties) => {
    const result = verifyGitHubRequest({ request, properties, clock });
    expect(result).toEqual({
      ok: false,
      reason: 'the subscription has no webhook_secret, so no request can be verified',
    });
  });

  it('refuses a wrong secret, a changed body and a missing signature', () => {
    const properties = { webhook_secret: SECRET };
    expect(verifyGitHubRequest({ request, properties: { webhook_secret: 'other' }, clock }).ok).toBe(false);
    const changed = { ...request, body: new TextEncoder().encode('{"ref":"refs/heads/evil"}') };
    expect(verifyGitHubRequest({ request: changed, properties, clock }).ok).toBe(false);
    const unsigned = { ...request, headers: { ...request.headers, 'x-hub-signature-256': undefined } };
    expect(verifyGitHubRequest({ request: unsigned, properties, clock })).toMatchObject({ ok: false });
  });
});
