import { describe, expect, it } from 'vitest';
import { header } from '../raw-request.js';
import { flipBodyByte, rawRequest } from './raw-request.js';

describe('rawRequest', () => {
  it('fills in defaults', () => {
    expect(rawRequest()).toEqual({
      method: 'POST',
      url: '/triggers/plugin/test',
      headers: {},
      body: new Uint8Array(),
    });
  });

  it('lower-cases header names, drops undefined values and encodes a string body as UTF-8', () => {
    const request = rawRequest({
      method: 'PUT',
      url: '/x?y=1',
      headers: { 'X-GitHub-Event': 'push', 'X-Skip': undefined },
      body: 'é',
    });
    expect(request.headers).toEqual({ 'x-github-event': 'push' });
    expect(header(request, 'X-GitHub-Event')).toBe('push');
    expect([...request.body]).toEqual([0xc3, 0xa9]);
    expect([request.method, request.url]).toEqual(['PUT', '/x?y=1']);
  });
});

describe('flipBodyByte', () => {
  it('changes exactly one byte and leaves the original alone', () => {
    const request = rawRequest({ body: 'abcd' });
    const flipped = flipBodyByte(request);
    expect(new TextDecoder().decode(flipped.body)).toBe('abbd');
    expect(new TextDecoder().decode(request.body)).toBe('abcd');
  });

  it('adds a byte to an empty body', () => {
    expect(flipBodyByte(rawRequest()).body).toEqual(Uint8Array.of(0x20));
  });
});
