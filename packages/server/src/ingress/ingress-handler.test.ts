import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { fixedClock, type Logger, signGitHubBody } from '@tripline/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IngressConfig } from '../config/config.js';
import { InternalEvents } from '../domain/internal-events.js';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { createMetrics, type Metrics } from '../observability/metrics.js';
import type { ResolvedEndpoint } from './endpoint-resolver.js';
import { hooksIntegration, listen, MemoryDeliveryWriter, send } from './ingress.test-helpers.js';
import { createIngressHandler } from './ingress-handler.js';

const SECRET = 'It is a secret to everybody';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

interface Harness {
  readonly url: string;
  readonly endpoint: ResolvedEndpoint;
  readonly writer: MemoryDeliveryWriter;
  readonly metrics: Metrics;
  readonly stored: number[];
  readonly lookups: string[];
  close(): Promise<void>;
}

async function start(
  limits: Partial<IngressConfig> = {},
  options: { readonly lookupFails?: boolean } = {},
): Promise<Harness> {
  const endpoint: ResolvedEndpoint = {
    kind: 'subscription',
    id: randomUUID(),
    workspaceId: randomUUID(),
    integration: 'hooks',
    properties: { webhook_secret: SECRET },
  };
  const lookups: string[] = [];
  const resolver = {
    peek: () => undefined,
    resolve: async (id: string) => {
      lookups.push(id);
      if (options.lookupFails) throw new Error('database is down');
      return id === endpoint.id ? endpoint : undefined;
    },
  };
  const writer = new MemoryDeliveryWriter();
  const metrics = createMetrics({ collectDefaults: false });
  const events = new InternalEvents();
  const stored: number[] = [];
  events.on('deliveries.stored', ({ count }) => stored.push(count));
  const handler = createIngressHandler({
    resolver,
    catalog: new IntegrationCatalog([hooksIntegration]),
    writer,
    limits: { maxBodyBytes: 64 * 1024, endpointRatePerSecond: 1000, endpointBurst: 1000, ...limits },
    clock: fixedClock(Date.parse('2026-03-01T12:00:00Z')),
    logger: silent,
    metrics,
    events,
  });
  const server = await listen(handler);
  return { url: server.url, endpoint, writer, metrics, stored, lookups, close: server.close };
}

function signed(body: string, event = 'push', delivery: string = randomUUID()) {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': delivery,
      'x-hub-signature-256': signGitHubBody(body, SECRET),
      authorization: 'Bearer abc',
      cookie: 'session=1',
    },
  };
}

describe('ingress handler', () => {
  let h: Harness;
  let path: string;
  beforeEach(async () => {
    h = await start();
    path = `${h.url}/triggers/plugin/${h.endpoint.id}`;
  });
  afterEach(() => h.close());

  it('stores an accepted delivery before answering with the integration response', async () => {
    const body = JSON.stringify({ action: 'opened', n: 1 });
    const reply = await send(`${path}?x=1`, signed(body, 'issues', 'd-1'));
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ ok: true, event: 'issues' });
    expect(reply.headers['content-type']).toMatch(/^application\/json/);
    expect(h.writer.logs).toHaveLength(1);
    const log = h.writer.logs[0]!;
    expect(log).toMatchObject({
      endpointId: h.endpoint.id,
      workspaceId: h.endpoint.workspaceId,
      integration: 'hooks',
      method: 'POST',
      path: `/triggers/plugin/${h.endpoint.id}?x=1`,
      responseStatus: 200,
      responseBody: reply.text,
      deliveryId: 'd-1',
      events: [{ name: 'issues', action: 'opened' }],
      outcome: 'accepted',
      reason: null,
      dispatchState: 'pending',
      replayOf: null,
    });
    expect(log.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    expect(log.receivedAt.toISOString()).toBe('2026-03-01T12:00:00.000Z');
    expect(Buffer.from(log.body!).toString('utf8')).toBe(body);
    expect(log.headers).toMatchObject({
      'x-github-event': 'issues',
      'x-github-delivery': 'd-1',
      'content-type': 'application/json',
      'x-hub-signature-256': '[redacted]',
      authorization: '[redacted]',
      cookie: '[redacted]',
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.stored).toEqual([1]);
  });

  it('keeps a ping as no_events with nothing to dispatch', async () => {
    const reply = await send(path, signed('{"zen":"Keep it logically awesome."}', 'ping'));
    expect(reply.status).toBe(200);
    expect(h.writer.logs[0]).toMatchObject({ outcome: 'no_events', dispatchState: 'none', events: [] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(h.stored).toEqual([]);
  });

  it('answers a repeated delivery id with the first answer, marked duplicate', async () => {
    const first = await send(path, signed('{"action":"opened"}', 'issues', 'same'));
    const again = await send(path, signed('{"action":"opened"}', 'issues', 'same'));
    expect(again.status).toBe(first.status);
    expect(again.text).toBe(first.text);
    expect(again.headers['x-tripline-duplicate']).toBe('true');
    expect(first.headers['x-tripline-duplicate']).toBeUndefined();
    expect(h.writer.logs.map((log) => log.outcome)).toEqual(['accepted', 'duplicate']);
  });

  it('refuses a wrong signature with 401 and keeps the body for debugging', async () => {
    const request = signed('{"action":"opened"}');
    const reply = await send(path, { ...request, body: '{"action":"closed"}' });
    expect(reply.status).toBe(401);
    expect(JSON.parse(reply.text)).toEqual({
      error: {
        code: 'unauthorized',
        message: "the request's signature was refused: signature does not match",
      },
    });
    expect(h.writer.logs[0]).toMatchObject({
      outcome: 'unauthorized',
      reason: 'signature does not match',
      dispatchState: 'none',
      responseStatus: 401,
    });
    expect(Buffer.from(h.writer.logs[0]!.body!).toString()).toBe('{"action":"closed"}');
  });

  it('answers 400 and 415 for bodies the integration cannot read', async () => {
    const bad = signed('{not json');
    expect((await send(path, bad)).status).toBe(400);
    const text = signed('hello');
    const reply = await send(path, { ...text, headers: { ...text.headers, 'content-type': 'text/plain' } });
    expect(reply.status).toBe(415);
    expect(JSON.parse(reply.text).error.message).toContain('application/json');
    expect(h.writer.logs.map((log) => [log.outcome, log.responseStatus])).toEqual([
      ['unreadable', 400],
      ['unreadable', 415],
    ]);
  });

  it('answers 404 for an unknown endpoint without storing anything', async () => {
    const reply = await send(`${h.url}/triggers/plugin/${randomUUID()}`, signed('{}'));
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.text).error.code).toBe('not_found');
    const malformed = await send(`${h.url}/triggers/plugin/..%2Fetc`, signed('{}'));
    expect(malformed.status).toBe(404);
    expect(h.lookups).toHaveLength(1);
    expect(h.writer.logs).toEqual([]);
    const counted = await h.metrics.ingressRequests.get();
    expect(counted.values.find((v) => v.labels.outcome === 'not_found')?.value).toBe(2);
  });

  it('refuses a body over the limit by Content-Length without reading it', async () => {
    const reply = await send(path, {
      headers: { 'content-type': 'application/json', 'content-length': 10 * 1024 * 1024 },
      chunks: [Buffer.alloc(1024)],
    });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.text).error.message).toContain('65536 bytes');
    expect(h.writer.logs[0]).toMatchObject({ outcome: 'too_large', body: null, responseStatus: 413 });
    expect((await send(path, signed('{"action":"opened"}'))).status).toBe(200);
  });

  it('stops keeping a streamed body once it grows past the limit, and drops the rest so the sender gets the 413', async () => {
    const chunks = Array.from({ length: 40 }, () => Buffer.alloc(16 * 1024, 0x20));
    const reply = await send(path, { headers: { 'content-type': 'application/json' }, chunks });
    expect(reply.status).toBe(413);
    expect(h.writer.logs[0]).toMatchObject({ outcome: 'too_large', body: null });
    expect((await send(path, signed('{"action":"opened"}'))).status).toBe(200);
  });

  it('answers only after the write is durable', async () => {
    let release = (): void => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const write = h.writer.write.bind(h.writer);
    h.writer.write = async (log) => {
      await held;
      return write(log);
    };
    let answered = false;
    const reply = send(path, signed('{"action":"opened"}')).then((r) => {
      answered = true;
      return r;
    });
    await sleep(100);
    expect(answered).toBe(false);
    release();
    expect((await reply).status).toBe(200);
    expect(h.writer.logs).toHaveLength(1);
  });

  it('answers 503 with Retry-After, never 2xx, when the write fails', async () => {
    h.writer.fail = true;
    const reply = await send(path, signed('{"action":"opened"}'));
    expect(reply.status).toBe(503);
    expect(reply.headers['retry-after']).toBe('5');
    expect(JSON.parse(reply.text).error.code).toBe('unavailable');
    h.writer.fail = false;
    expect((await send(path, signed('{"action":"opened"}'))).status).toBe(200);
  });

  it('keeps serving after aborted requests and garbage', async () => {
    const { port } = new URL(h.url);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => {
        socket.write(
          `POST /triggers/plugin/${h.endpoint.id} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"half":`,
        );
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve());
    });
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.end('\u0000\u0001 garbage\r\n\r\n'));
      socket.resume();
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    const aborted = async () =>
      (await h.metrics.ingressRequests.get()).values.find((v) => v.labels.outcome === 'aborted')?.value;
    for (let i = 0; i < 50 && (await aborted()) === undefined; i += 1) await sleep(10);
    expect(await aborted()).toBe(1);
    expect((await send(path, signed('{"action":"opened"}'))).status).toBe(200);
    expect(h.writer.logs.map((log) => log.outcome)).toEqual(['accepted']);
  });
});

describe('ingress handler without its database', () => {
  it('answers 503 with Retry-After when the endpoint cannot be looked up', async () => {
    const h = await start({}, { lookupFails: true });
    try {
      const reply = await send(`${h.url}/triggers/plugin/${h.endpoint.id}`, signed('{"action":"opened"}'));
      expect(reply.status).toBe(503);
      expect(reply.headers['retry-after']).toBe('5');
      expect(h.writer.logs).toEqual([]);
    } finally {
      await h.close();
    }
  });
});

describe('ingress handler rate limit', () => {
  it('answers a flood with 429 and Retry-After, storing none of it', async () => {
    const h = await start({ endpointRatePerSecond: 1, endpointBurst: 3 });
    try {
      const path = `${h.url}/triggers/plugin/${h.endpoint.id}`;
      const replies = [];
      for (let i = 0; i < 5; i += 1) replies.push(await send(path, signed('{"action":"opened"}')));
      expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200, 429, 429]);
      expect(replies[3]!.headers['retry-after']).toBe('1');
      expect(JSON.parse(replies[3]!.text).error.code).toBe('rate_limited');
      expect(h.writer.logs).toHaveLength(3);
    } finally {
      await h.close();
    }
  });
});
