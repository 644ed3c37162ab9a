import { describe, expect, it } from 'vitest';
import { oauthResultLocation } from './oauth-result-location.js';

describe('oauthResultLocation', () => {
  it('points at the console result page, relative, with the builder, outcome and confirmation', () => {
    expect(oauthResultLocation({ outcome: 'authorized', builderId: 'b-1', confirmation: 'c_-1' })).toBe(
      '/#/oauth-result?builder=b-1&outcome=authorized&confirmation=c_-1',
    );
  });

  it('url-encodes the reason of a failure and leaves the builder out when unknown', () => {
    const location = oauthResultLocation({ outcome: 'failed', message: 'no & no=yes #x' });
    expect(location).toBe('/#/oauth-result?outcome=failed&message=no%20%26%20no%3Dyes%20%23x');
    expect(new URLSearchParams(location.split('?')[1]).get('message')).toBe('no & no=yes #x');
  });
});
