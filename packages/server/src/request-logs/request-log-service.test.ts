import { beforeEach, describe, expect, it } from 'vitest';
import { BuilderService } from '../subscriptions/builder-service.js';
import {
  failure,
  type SubscriptionFixture,
  useSubscriptionFixture,
} from '../subscriptions/subscription-fixture.test-helpers.js';
import { RequestLogService } from './request-log-service.js';
import { LIST_BODY_LIMIT_BYTES } from './request-log-view.js';

describe('RequestLogService', () => {
  let fx: SubscriptionFixture;
  let logs: RequestLogService;
  let subscriptionId: string;

  useSubscriptionFixture((opened) => {
    fx = opened;
    logs = new RequestLogService(fx.options);
  });
  beforeEach(async () => {
    const builders = new BuilderService(fx.options);
    const created = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    subscriptionId = (await builders.build(fx.alice, created.id)).id;
  });

  it('list shows logs newest first in the contract shape', async () => {
    const older = await fx.writeLog(subscriptionId);
    const newer = await fx.writeLog(subscriptionId, { deliveryId: 'delivery-2' });
    const page = await logs.list(fx.alice, subscriptionId, { limit: 10 });
    expect(page.items.map((item) => item.id)).toEqual([newer, older]);
    expect(page.nextCursor).toBeNull();
    expect(page.items[0]).toMatchObject({
      id: newer,
      request: {
        method: 'POST',
        path: `/triggers/plugin/${subscriptionId}`,
        headers: { 'content-type': 'application/json', 'x-hub-signature-256': '[redacted]' },
        body: '{"ref":"refs/heads/main"}',
        bodyEncoding: 'utf8',
        bodySize: 25,
        bodyTruncated: false,
      },
      response: { status: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' },
      deliveryId: 'delivery-2',
      events: [{ name: 'push' }],
      outcome: 'accepted',
      reason: null,
      dispatchState: 'pending',
      runs: [],
      replayOf: null,
    });
    expect(Date.parse(page.items[0]?.receivedAt ?? '')).toBe(fx.clock.now());
  });

  it('list filters by outcome', async () => {
    await fx.writeLog(subscriptionId);
    const refused = await fx.writeLog(subscriptionId, {
      outcome: 'unauthorized',
      dispatchState: 'none',
      reason: 'signature mismatch',
      responseStatus: 401,
      events: [],
      deliveryId: null,
    });
    const page = await logs.list(fx.alice, subscriptionId, { limit: 10, outcome: 'unauthorized' });
    expect(page.items.map((item) => [item.id, item.reason])).toEqual([[refused, 'signature mismatch']]);
  });

  it('list pages with nextCursor until the oldest log', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push(await fx.writeLog(subscriptionId));
    const first = await logs.list(fx.alice, subscriptionId, { limit: 2 });
    expect(first.items.map((item) => item.id)).toEqual([ids[4], ids[3]]);
    expect(first.nextCursor).toBe(ids[3]);
    const second = await logs.list(fx.alice, subscriptionId, { limit: 2, before: first.nextCursor ?? '' });
    expect(second.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    const last = await logs.list(fx.alice, subscriptionId, { limit: 2, before: second.nextCursor ?? '' });
    expect(last.items.map((item) => item.id)).toEqual([ids[0]]);
    expect(last.nextCursor).toBeNull();
  });

  it('shows a body that is not UTF-8 as base64', async () => {
    const bytes = Uint8Array.from([0xff, 0xfe, 0x00, 0x41]);
    const id = await fx.writeLog(subscriptionId, { body: bytes });
    const shown = await logs.get(fx.alice, subscriptionId, id);
    expect(shown.request).toMatchObject({
      body: Buffer.from(bytes).toString('base64'),
      bodyEncoding: 'base64',
    });
  });

  it('list cuts long bodies at 64 KiB on a character boundary; get shows the whole body', async () => {
    // "é" is two bytes: a cut at an odd offset must not split it.
    const text = `x${'é'.repeat(LIST_BODY_LIMIT_BYTES)}`;
    const id = await fx.writeLog(subscriptionId, { body: new TextEncoder().encode(text) });
    const listed = (await logs.list(fx.alice, subscriptionId, { limit: 1 })).items[0];
    expect(listed?.request.bodyTruncated).toBe(true);
    expect(listed?.request.bodySize).toBe(1 + 2 * LIST_BODY_LIMIT_BYTES);
    expect(Buffer.byteLength(listed?.request.body ?? '')).toBe(LIST_BODY_LIMIT_BYTES - 1);
    expect(text.startsWith(listed?.request.body ?? '-')).toBe(true);
    const full = await logs.get(fx.alice, subscriptionId, id);
    expect(full.request).toMatchObject({ body: text, bodyTruncated: false });
  });

  it('shows a body refused before reading as null', async () => {
    const id = await fx.writeLog(subscriptionId, {
      body: null,
      outcome: 'too_large',
      dispatchState: 'none',
      responseStatus: 413,
      events: [],
      deliveryId: null,
    });
    expect((await logs.get(fx.alice, subscriptionId, id)).request).toMatchObject({ body: null, bodySize: 0 });
  });

  it('replay writes a new pending log pointing at the original and signals the dispatcher', async () => {
    const original = await fx.writeLog(subscriptionId, { deliveryId: 'gh-1', dispatchState: 'done' });
    fx.clock.advance(60_000);
    const answer = await logs.replay(fx.alice, subscriptionId, original);
    expect(answer.replayOf).toBe(original);
    expect(answer.id).not.toBe(original);
    const replay = await logs.get(fx.alice, subscriptionId, answer.id);
    expect(replay).toMatchObject({
      outcome: 'accepted',
      dispatchState: 'pending',
      replayOf: original,
      deliveryId: 'gh-1',
      events: [{ name: 'push' }],
      request: { body: '{"ref":"refs/heads/main"}' },
    });
    expect(Date.parse(replay.receivedAt)).toBe(fx.clock.now());
    expect((await logs.list(fx.alice, subscriptionId, { limit: 1 })).items[0]?.id).toBe(answer.id);
    expect(fx.emitted).toContainEqual({ name: 'deliveries.stored', payload: { count: 1 } });
  });

  it('replay of a delivery without events stores it with nothing to dispatch', async () => {
    const ping = await fx.writeLog(subscriptionId, {
      outcome: 'no_events',
      events: [],
      dispatchState: 'none',
    });
    const answer = await logs.replay(fx.alice, subscriptionId, ping);
    expect(await logs.get(fx.alice, subscriptionId, answer.id)).toMatchObject({
      outcome: 'no_events',
      dispatchState: 'none',
      replayOf: ping,
    });
    expect(fx.emitted.some((event) => event.name === 'deliveries.stored')).toBe(false);
  });

  it('replay refuses requests that were never verified with 409 and the reason', async () => {
    for (const outcome of ['unauthorized', 'unreadable', 'too_large'] as const) {
      const id = await fx.writeLog(subscriptionId, { outcome, dispatchState: 'none', events: [] });
      const error = await failure(logs.replay(fx.alice, subscriptionId, id));
      expect(error.status).toBe(409);
      expect(error.code).toBe('not_replayable');
      expect(error.message).toContain(`has outcome "${outcome}"`);
    }
  });

  it('get and replay answer 404 for a log of another endpoint', async () => {
    const elsewhere = await fx.writeLog('other-endpoint');
    expect((await failure(logs.get(fx.alice, subscriptionId, elsewhere))).status).toBe(404);
    expect((await failure(logs.replay(fx.alice, subscriptionId, elsewhere))).status).toBe(404);
  });

  it('another workspace gets 404 for every request log method', async () => {
    const id = await fx.writeLog(subscriptionId);
    for (const call of [
      logs.list(fx.bob, subscriptionId, { limit: 10 }),
      logs.get(fx.bob, subscriptionId, id),
      logs.replay(fx.bob, subscriptionId, id),
    ]) {
      expect((await failure(call)).status).toBe(404);
    }
    expect((await logs.list(fx.alice, subscriptionId, { limit: 10 })).items).toHaveLength(1);
  });
});
