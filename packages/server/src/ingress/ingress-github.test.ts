import { createRequire } from 'node:module';
import { signGitHubBody } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send } from './ingress.test-helpers.js';
import {
  GITHUB_SECRET,
  githubDelivery,
  type StoreHarness,
  startStoreHarness,
} from './ingress-store.test-helpers.js';

interface ExampleGroup {
  readonly name: string;
  readonly examples: readonly Record<string, unknown>[];
}
const examples = createRequire(import.meta.url)(
  '@octokit/webhooks-examples/api.github.com/index.json',
) as readonly ExampleGroup[];

describe('ingress with SQLite and the GitHub integration', () => {
  let h: StoreHarness;
  beforeAll(async () => {
    h = await startStoreHarness();
  });
  afterAll(() => h.close());

  it('accepts, parses and logs every example payload of GitHub', async () => {
    const cases = examples.flatMap((group) =>
      group.examples.map((payload, index) => ({
        event: group.name,
        action: typeof payload.action === 'string' ? payload.action : undefined,
        delivery: `example-${group.name}-${index}`,
        payload,
      })),
    );
    expect(cases.length).toBeGreaterThan(300);
    const url = h.ingressUrl(h.endpoint.id);
    for (let start = 0; start < cases.length; start += 24) {
      const batch = cases.slice(start, start + 24);
      const replies = await Promise.all(
        batch.map((c) => send(url, githubDelivery(c.event, c.payload, { delivery: c.delivery }))),
      );
      replies.forEach((reply, index) => {
        expect({ delivery: batch[index]?.delivery, status: reply.status }).toEqual({
          delivery: batch[index]?.delivery,
          status: 200,
        });
      });
    }
    const logs = new Map((await h.logs()).map((log) => [log.deliveryId, log]));
    expect(logs.size).toBe(cases.length);
    for (const c of cases) {
      const log = logs.get(c.delivery);
      const ping = c.event === 'ping';
      expect({
        delivery: c.delivery,
        outcome: log?.outcome,
        state: log?.dispatchState,
        events: log?.events,
      }).toEqual({
        delivery: c.delivery,
        outcome: ping ? 'no_events' : 'accepted',
        state: ping ? 'none' : 'pending',
        events: ping
          ? []
          : [c.action === undefined ? { name: c.event } : { name: c.event, action: c.action }],
      });
    }
    const sample = logs.get(cases[0]?.delivery ?? null);
    expect(sample?.headers['x-hub-signature-256']).toBe('[redacted]');
    expect(sample?.headers['x-github-event']).toBe(cases[0]?.event);
    expect(JSON.parse(Buffer.from(sample?.body ?? []).toString('utf8'))).toEqual(cases[0]?.payload);
  });

  it('answers a repeated delivery id the same, marked duplicate, and keeps one pending row', async () => {
    const delivery = githubDelivery(
      'issues',
      { action: 'opened', issue: { number: 1 } },
      { delivery: 'twice' },
    );
    const url = h.ingressUrl(h.endpoint.id);
    const first = await send(url, delivery);
    const again = await send(url, delivery);
    expect(first.status).toBe(200);
    expect([again.status, again.text]).toEqual([first.status, first.text]);
    expect(again.headers['x-tripline-duplicate']).toBe('true');
    const rows = (await h.logs()).filter((log) => log.deliveryId === 'twice');
    expect(rows.map((log) => [log.outcome, log.dispatchState]).sort()).toEqual([
      ['accepted', 'pending'],
      ['duplicate', 'none'],
    ]);
  });
});

describe('ingress refusals with SQLite and the GitHub integration', () => {
  let h: StoreHarness;
  beforeAll(async () => {
    h = await startStoreHarness({ maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => h.close());

  const valid = () => githubDelivery('push', { ref: 'refs/heads/main', commits: [] });
  const cases: readonly {
    readonly title: string;
    readonly status: number;
    readonly code: string;
    readonly stored?: string;
    readonly request: (h: StoreHarness) => { url: string; input: Parameters<typeof send>[1] };
  }[] = [
    {
      title: 'a tampered body',
      status: 401,
      code: 'unauthorized',
      stored: 'unauthorized',
      request: (h) => ({
        url: h.ingressUrl(h.endpoint.id),
        input: { ...valid(), body: '{"ref":"refs/heads/evil"}' },
      }),
    },
    {
      title: 'a wrong secret',
      status: 401,
      code: 'unauthorized',
      stored: 'unauthorized',
      request: (h) => ({
        url: h.ingressUrl(h.endpoint.id),
        input: githubDelivery('push', { ref: 'x' }, { secret: `${GITHUB_SECRET}!` }),
      }),
    },
    {
      title: 'a missing signature header',
      status: 401,
      code: 'unauthorized',
      stored: 'unauthorized',
      request: (h) => {
        const { 'x-hub-signature-256': _, ...headers } = valid().headers;
        return { url: h.ingressUrl(h.endpoint.id), input: { body: valid().body, headers } };
      },
    },
    {
      title: 'an unknown endpoint',
      status: 404,
      code: 'not_found',
      request: (h) => ({ url: h.ingressUrl('0190d7e4-0000-7000-8000-000000000000'), input: valid() }),
    },
    {
      title: 'an expired builder',
      status: 404,
      code: 'not_found',
      request: (h) => ({ url: h.ingressUrl(h.expiredBuilderId), input: valid() }),
    },
    {
      title: 'a body over the limit by Content-Length',
      status: 413,
      code: 'payload_too_large',
      stored: 'too_large',
      request: (h) => ({
        url: h.ingressUrl(h.endpoint.id),
        input: { headers: { ...valid().headers, 'content-length': 5_000_000 }, chunks: [Buffer.alloc(4096)] },
      }),
    },
    {
      title: 'a chunked body growing past the limit',
      status: 413,
      code: 'payload_too_large',
      stored: 'too_large',
      request: (h) => {
        const { headers } = valid();
        return {
          url: h.ingressUrl(h.endpoint.id),
          input: { headers, chunks: Array.from({ length: 20 }, () => Buffer.alloc(8 * 1024, 0x20)) },
        };
      },
    },
    {
      title: 'malformed JSON',
      status: 400,
      code: 'invalid_body',
      stored: 'unreadable',
      request: (h) => ({
        url: h.ingressUrl(h.endpoint.id),
        input: signedRaw('{"ref": ', 'application/json'),
      }),
    },
    {
      title: 'an unsupported content type',
      status: 415,
      code: 'unsupported_media_type',
      stored: 'unreadable',
      request: (h) => ({ url: h.ingressUrl(h.endpoint.id), input: signedRaw('<push/>', 'application/xml') }),
    },
  ];

  for (const c of cases) {
    it(`refuses ${c.title} with ${c.status}, accepts nothing, and keeps serving`, async () => {
      const before = await h.logs();
      const { url, input } = c.request(h);
      const reply = await send(url, input);
      expect(reply.status).toBe(c.status);
      expect(JSON.parse(reply.text).error.code).toBe(c.code);
      const all = await h.logs();
      const added = all.slice(0, all.length - before.length);
      expect(added.map((log) => log.outcome)).toEqual(c.stored ? [c.stored] : []);
      expect(added.every((log) => log.dispatchState === 'none')).toBe(true);
      const after = await send(h.ingressUrl(h.endpoint.id), valid());
      expect(after.status).toBe(200);
    });
  }

  it('names the accepted content types in a 415', async () => {
    const reply = await send(h.ingressUrl(h.endpoint.id), signedRaw('x', 'text/plain'));
    expect(JSON.parse(reply.text).error.message).toMatch(
      /application\/json.*application\/x-www-form-urlencoded/,
    );
  });

  it('states the limit in a 413 and keeps no body', async () => {
    const reply = await send(h.ingressUrl(h.endpoint.id), {
      headers: { 'content-type': 'application/json', 'content-length': 100_000 },
      chunks: [Buffer.alloc(1024)],
    });
    expect(JSON.parse(reply.text).error.message).toContain('65536 bytes');
    const [log] = await h.logs();
    expect(log).toMatchObject({ outcome: 'too_large', body: null, responseStatus: 413 });
  });

  it('answers a flood with 429 and Retry-After', async () => {
    const tight = await h.listenWith({ endpointRatePerSecond: 1, endpointBurst: 5 });
    const url = `${tight.url}/triggers/plugin/${h.endpoint.id}`;
    const replies = await Promise.all(Array.from({ length: 12 }, () => send(url, valid())));
    const limited = replies.filter((reply) => reply.status === 429);
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(5);
    expect(limited).toHaveLength(7);
    expect(Number(limited[0]?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(limited[0]?.text ?? '{}').error.code).toBe('rate_limited');
  });
});

function signedRaw(body: string, contentType: string) {
  const { headers } = githubDelivery('push', {});
  return {
    body,
    headers: {
      ...headers,
      'content-type': contentType,
      'x-hub-signature-256': signGitHubBody(body, GITHUB_SECRET),
    },
  };
}
