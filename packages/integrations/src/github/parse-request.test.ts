import { describe, expect, it } from 'vitest';
import { formBody, githubDelivery } from './examples.test-helpers.js';
import { parseGitHubRequest } from './parse-request.js';

const issue = { action: 'opened', issue: { number: 1 } };

function reasonOf(result: ReturnType<typeof parseGitHubRequest>): string {
  return result.ok ? 'ok' : `${result.status} ${result.reason}`;
}

describe('parseGitHubRequest', () => {
  it('reads a JSON delivery into one event with its action and delivery id', () => {
    const result = parseGitHubRequest(
      githubDelivery({ event: 'issues', body: JSON.stringify(issue), deliveryId: 'd-1' }),
    );
    expect(result).toEqual({
      ok: true,
      deliveryId: 'd-1',
      events: [{ name: 'issues', action: 'opened', payload: issue }],
      response: { status: 200, body: { ok: true } },
    });
  });

  it('reads a form delivery from its payload field', () => {
    const request = githubDelivery({
      event: 'issues',
      body: formBody(issue),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(parseGitHubRequest(request)).toMatchObject({
      ok: true,
      events: [{ name: 'issues', payload: issue }],
    });
  });

  it('accepts content types with parameters and in any case', () => {
    const request = githubDelivery({
      event: 'push',
      body: '{"ref":"refs/heads/main"}',
      contentType: 'Application/JSON; charset=utf-8',
    });
    expect(parseGitHubRequest(request)).toMatchObject({ ok: true, events: [{ name: 'push' }] });
  });

  it('leaves out the action of events that have none', () => {
    const result = parseGitHubRequest(githubDelivery({ event: 'push', body: '{"ref":"refs/heads/main"}' }));
    expect(result.ok && result.events[0]).toEqual({ name: 'push', payload: { ref: 'refs/heads/main' } });
  });

  it('answers ping with its zen line and starts nothing', () => {
    const result = parseGitHubRequest(
      githubDelivery({ event: 'ping', body: '{"zen":"Design for failure.","hook_id":1}' }),
    );
    expect(result).toMatchObject({
      ok: true,
      events: [],
      response: { status: 200, body: { ok: true, event: 'ping', zen: 'Design for failure.' } },
    });
  });

  it('accepts an event the catalog does not list, under its own name', () => {
    const result = parseGitHubRequest(
      githubDelivery({ event: 'brand_new_event', body: '{"action":"made"}' }),
    );
    expect(result).toMatchObject({ ok: true, events: [{ name: 'brand_new_event', action: 'made' }] });
  });

  it('leaves the delivery id out when the header is missing', () => {
    const request = githubDelivery({ event: 'push', body: '{}' });
    const result = parseGitHubRequest({
      ...request,
      headers: { ...request.headers, 'x-github-delivery': undefined },
    });
    expect(result.ok && 'deliveryId' in result).toBe(false);
  });

  it.each([
    [{ 'x-github-event': undefined }, '{}', '400 missing X-GitHub-Event header'],
    [{ 'x-github-event': '  ' }, '{}', '400 missing X-GitHub-Event header'],
    [{ 'x-github-event': 'Push; drop' }, '{}', '400 X-GitHub-Event "Push; drop" is not an event name'],
    [
      { 'content-type': 'text/plain' },
      '{}',
      '415 content type "text/plain" is not accepted; send application/json or application/x-www-form-urlencoded',
    ],
    [
      { 'content-type': undefined },
      '{}',
      '415 content type "(none)" is not accepted; send application/json or application/x-www-form-urlencoded',
    ],
    [{}, '{"ref":', '400 body is not valid JSON: '],
    [{}, '[1,2]', '400 body must be a JSON object'],
    [{}, 'null', '400 body must be a JSON object'],
    [
      { 'content-type': 'application/x-www-form-urlencoded' },
      'other=1',
      '400 form body has no "payload" field',
    ],
    [
      { 'content-type': 'application/x-www-form-urlencoded' },
      'payload=%7Bnope',
      '400 form field "payload" is not valid JSON: ',
    ],
  ] as const)('refuses headers %j with body %s: %s', (headers, body, expected) => {
    const request = githubDelivery({ event: 'push', body });
    const reason = reasonOf(parseGitHubRequest({ ...request, headers: { ...request.headers, ...headers } }));
    expect(reason.startsWith(expected), reason).toBe(true);
  });
});
