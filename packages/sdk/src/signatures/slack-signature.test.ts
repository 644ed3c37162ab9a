import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.js';
import { rawRequest } from '../testing/raw-request.js';
import { signSlackBody, verifySlackSignature } from './slack-signature.js';

// The worked example in Slack's "Verifying requests from Slack".
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const T = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V' +
  '&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=' +
  '&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN' +
  '&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';
const clock = fixedClock(T * 1000);

function signed(input: { signature?: string; timestamp?: string; body?: string }) {
  return rawRequest({
    headers: { 'X-Slack-Signature': input.signature, 'X-Slack-Request-Timestamp': input.timestamp },
    body: input.body ?? BODY,
  });
}

const valid = { signature: SIGNATURE, timestamp: String(T) };

function reasonOf(result: { ok: boolean; reason?: string }): string | undefined {
  return result.ok ? undefined : result.reason;
}

describe('verifySlackSignature', () => {
  it('accepts the example from Slack docs', () => {
    expect(verifySlackSignature(signed(valid), { secret: SECRET }, clock)).toEqual({ ok: true });
  });

  it('refuses a tampered body', () => {
    const result = verifySlackSignature(signed({ ...valid, body: `${BODY}&x=1` }), { secret: SECRET }, clock);
    expect(result).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('refuses a wrong secret', () => {
    expect(verifySlackSignature(signed(valid), { secret: `${SECRET}0` }, clock).ok).toBe(false);
  });

  it('refuses a timestamp that was changed without re-signing', () => {
    const moved = { ...valid, timestamp: String(T + 1) };
    expect(reasonOf(verifySlackSignature(signed(moved), { secret: SECRET }, clock))).toBe(
      'signature does not match',
    );
  });

  it('refuses a request older than the tolerance', () => {
    const later = fixedClock((T + 301) * 1000);
    expect(reasonOf(verifySlackSignature(signed(valid), { secret: SECRET }, later))).toBe(
      'x-slack-request-timestamp is 301 s old, outside the tolerance of 300 s',
    );
  });

  it('refuses a request from the future beyond the tolerance', () => {
    const earlier = fixedClock((T - 120) * 1000);
    const result = verifySlackSignature(signed(valid), { secret: SECRET, toleranceSeconds: 60 }, earlier);
    expect(reasonOf(result)).toBe(
      'x-slack-request-timestamp is 120 s in the future, outside the tolerance of 60 s',
    );
  });

  it.each([
    [{ timestamp: String(T) }, 'missing x-slack-signature header'],
    [{ signature: SIGNATURE }, 'missing x-slack-request-timestamp header'],
    [{ ...valid, timestamp: 'yesterday' }, 'x-slack-request-timestamp is not a Unix time in seconds'],
    [{ ...valid, timestamp: '' }, 'x-slack-request-timestamp is not a Unix time in seconds'],
    [{ ...valid, signature: SIGNATURE.replace('v0=', 'v1=') }, 'must start with "v0="'],
    [{ ...valid, signature: 'v0=xyz' }, 'x-slack-signature is not hex'],
    [{ ...valid, signature: 'v0=' }, 'signature does not match'],
  ])('refuses garbled headers %j', (headers, reason) => {
    expect(reasonOf(verifySlackSignature(signed(headers), { secret: SECRET }, clock))).toContain(reason);
  });

  it('refuses an empty secret', () => {
    expect(reasonOf(verifySlackSignature(signed(valid), { secret: '' }, clock))).toBe(
      'Slack signing secret is empty',
    );
  });
});

describe('signSlackBody', () => {
  it('reproduces the example from Slack docs', () => {
    expect(signSlackBody({ body: BODY, secret: SECRET, timestamp: T })).toBe(SIGNATURE);
  });

  it('round-trips through verifySlackSignature', () => {
    const body = '{"type":"url_verification","challenge":"abc"}';
    const signature = signSlackBody({ body, secret: 's', timestamp: T });
    const request = signed({ signature, timestamp: String(T), body });
    expect(verifySlackSignature(request, { secret: 's' }, clock)).toEqual({ ok: true });
  });
});
