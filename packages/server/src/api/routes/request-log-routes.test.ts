import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { newId, newTimeOrderedId } from '../../domain/ids.js';
import type { RequestLogPage } from '../../request-logs/list-request-logs.js';
import type { RequestLogView } from '../../request-logs/request-log-view.js';
import type { NewRequestLog } from '../../store/records.js';
import type { BuilderView } from '../../subscriptions/builder-view.js';
import { type SubscriptionApi, startSubscriptionApi } from './subscription-api.test-helpers.js';

describe('request log routes', () => {
  let http: SubscriptionApi;
  let subscriptionId: string;

  beforeAll(async () => {
    http = await startSubscriptionApi();
  });
  beforeEach(async () => {
    const builder = await http.request<BuilderView>(
      'POST',
      '/api/v1/integrations/hooks/subscription-builders',
      {
        body: { method: 'manual' },
      },
    );
    await http.request('POST', `/api/v1/subscription-builders/${builder.body.id}/build`);
    subscriptionId = builder.body.id;
  });
  afterAll(async () => {
    await http.api.close();
  });

  async function writeLog(overrides: Partial<NewRequestLog> = {}): Promise<string> {
    const receipt = await http.api.store.deliveries.write({
      id: newTimeOrderedId(),
      endpointId: subscriptionId,
      workspaceId: http.owner.workspaceId,
      integration: 'hooks',
      receivedAt: new Date(),
      method: 'POST',
      path: `/triggers/plugin/${subscriptionId}`,
      headers: { 'content-type': 'application/json' },
      body: new TextEncoder().encode('{"zen":"Keep it simple."}'),
      responseStatus: 200,
      responseHeaders: {},
      responseBody: '',
      deliveryId: newId(),
      events: [{ name: 'push' }],
      outcome: 'accepted',
      reason: null,
      dispatchState: 'pending',
      replayOf: null,
      ...overrides,
    });
    return receipt.id;
  }

  it('GET logs pages newest first with nextCursor; a viewer may read', async () => {
    const ids = [await writeLog(), await writeLog(), await writeLog()];
    const url = `/api/v1/subscriptions/${subscriptionId}/logs`;
    const first = await http.request<RequestLogPage>('GET', `${url}?limit=2`, { token: http.tokens.viewer });
    expect(first.status).toBe(200);
    expect(first.body.items.map((item) => item.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.items[0]?.request).toMatchObject({
      body: '{"zen":"Keep it simple."}',
      bodyEncoding: 'utf8',
    });
    const second = await http.request<RequestLogPage>(
      'GET',
      `${url}?limit=2&before=${first.body.nextCursor}`,
    );
    expect(second.body).toMatchObject({ items: [{ id: ids[0] }], nextCursor: null });
  });

  it('GET logs filters by outcome and refuses a bad limit', async () => {
    await writeLog();
    const refused = await writeLog({ outcome: 'unauthorized', dispatchState: 'none', events: [] });
    const url = `/api/v1/subscriptions/${subscriptionId}/logs`;
    const filtered = await http.request<RequestLogPage>('GET', `${url}?outcome=unauthorized`);
    expect(filtered.body.items.map((item) => item.id)).toEqual([refused]);
    const tooMany = await http.request('GET', `${url}?limit=500`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('limit');
  });

  it('GET one log shows it whole; an unknown log is 404', async () => {
    const id = await writeLog();
    const one = await http.request<RequestLogView>(
      'GET',
      `/api/v1/subscriptions/${subscriptionId}/logs/${id}`,
    );
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id, outcome: 'accepted', events: [{ name: 'push' }], replayOf: null });
    const missing = await http.request(
      'GET',
      `/api/v1/subscriptions/${subscriptionId}/logs/${newTimeOrderedId()}`,
    );
    expect(missing.status).toBe(404);
  });

  it('POST replay answers 202 with the new log, which points at the original', async () => {
    const original = await writeLog();
    const url = `/api/v1/subscriptions/${subscriptionId}/logs/${original}/replay`;
    expect((await http.request('POST', url, { token: http.tokens.viewer })).status).toBe(403);
    const replayed = await http.request<{ id: string; replayOf: string }>('POST', url);
    expect(replayed.status).toBe(202);
    expect(replayed.body.replayOf).toBe(original);
    const copy = await http.request<RequestLogView>(
      'GET',
      `/api/v1/subscriptions/${subscriptionId}/logs/${replayed.body.id}`,
    );
    expect(copy.body).toMatchObject({ replayOf: original, dispatchState: 'pending', outcome: 'accepted' });
  });

  it('POST replay of an unverified request answers 409', async () => {
    const refused = await writeLog({ outcome: 'unauthorized', dispatchState: 'none', events: [] });
    const answer = await http.request(
      'POST',
      `/api/v1/subscriptions/${subscriptionId}/logs/${refused}/replay`,
    );
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('not_replayable');
  });

  it('another workspace gets 404 for every request log route', async () => {
    const id = await writeLog();
    const token = http.tokens.stranger;
    const base = `/api/v1/subscriptions/${subscriptionId}/logs`;
    for (const [method, url] of [
      ['GET', base],
      ['GET', `${base}/${id}`],
      ['POST', `${base}/${id}/replay`],
    ] as const) {
      const answer = await http.request(method, url, { token });
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain('Keep it simple');
    }
  });
});
