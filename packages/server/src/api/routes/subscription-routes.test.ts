import { ExternalServiceError, MASKED_SECRET } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuilderView } from '../../subscriptions/builder-view.js';
import type { SubscriptionList } from '../../subscriptions/subscription-service.js';
import type { SubscriptionView } from '../../subscriptions/subscription-view.js';
import { type SubscriptionApi, startSubscriptionApi } from './subscription-api.test-helpers.js';

describe('subscription routes', () => {
  let http: SubscriptionApi;
  beforeAll(async () => {
    http = await startSubscriptionApi();
  });
  afterAll(async () => {
    await http.api.close();
  });

  async function subscription(name: string): Promise<SubscriptionView> {
    const builder = await http.request<BuilderView>(
      'POST',
      '/api/v1/integrations/hooks/subscription-builders',
      {
        body: { method: 'manual', name },
      },
    );
    const built = await http.request<SubscriptionView>(
      'POST',
      `/api/v1/subscription-builders/${builder.body.id}/build`,
    );
    return built.body;
  }

  it('GET lists the integration subscriptions with the limit; a viewer may read', async () => {
    const created = await subscription('Listed');
    const list = await http.request<SubscriptionList>('GET', '/api/v1/integrations/hooks/subscriptions', {
      token: http.tokens.viewer,
    });
    expect(list.status).toBe(200);
    expect(list.body.limit).toBe(10);
    expect(list.body.items.find((item) => item.id === created.id)).toMatchObject({
      name: 'Listed',
      workflowsInUse: 0,
      properties: { webhook_secret: MASKED_SECRET },
      hasCredentials: false,
    });
    const unknown = await http.request('GET', '/api/v1/integrations/nope/subscriptions');
    expect(unknown.status).toBe(404);
  });

  it('GET and PATCH show and edit one subscription; a taken name answers 409', async () => {
    await subscription('Taken');
    const created = await subscription('Editable');
    const url = `/api/v1/subscriptions/${created.id}`;
    expect((await http.request<SubscriptionView>('GET', url)).body).toMatchObject({ name: 'Editable' });
    const renamed = await http.request<SubscriptionView>('PATCH', url, {
      body: { name: 'Edited', properties: { content_type: 'form', webhook_secret: MASKED_SECRET } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      name: 'Edited',
      properties: { content_type: 'form', webhook_secret: MASKED_SECRET },
    });
    const conflict = await http.request('PATCH', url, { body: { name: 'Taken' } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('name_taken');
    const credentials = await http.request('PATCH', url, { body: { credentials: { token: 'x' } } });
    expect(credentials.status).toBe(400);
    expect(
      (await http.request('PATCH', url, { token: http.tokens.viewer, body: { name: 'v' } })).status,
    ).toBe(403);
  });

  it('DELETE answers 204, then the subscription is gone', async () => {
    const created = await subscription('Doomed');
    const url = `/api/v1/subscriptions/${created.id}`;
    expect((await http.request('DELETE', url, { token: http.tokens.viewer })).status).toBe(403);
    const deleted = await http.request('DELETE', url);
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeUndefined();
    expect((await http.request('GET', url)).status).toBe(404);
  });

  it('another workspace gets 404 for every subscription route and an empty list', async () => {
    const created = await subscription('Private');
    const token = http.tokens.stranger;
    const url = `/api/v1/subscriptions/${created.id}`;
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Stolen' }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await http.request(method, url, { token, ...(body ? { body } : {}) });
      expect(answer.status).toBe(404);
      expect(JSON.stringify(answer.body)).not.toContain('Private');
    }
    const list = await http.request<SubscriptionList>('GET', '/api/v1/integrations/hooks/subscriptions', {
      token,
    });
    expect(list.body.items).toEqual([]);
    expect((await http.request<SubscriptionView>('GET', url)).body.name).toBe('Private');
    expect((await http.request('POST', `${url}/check`, { token })).status).toBe(404);
  });

  describe('automatic subscriptions', () => {
    async function automatic(repository: string): Promise<SubscriptionView> {
      const created = await http.request<BuilderView>(
        'POST',
        '/api/v1/integrations/hookhub/subscription-builders',
        { body: { method: 'api-key' } },
      );
      const url = `/api/v1/subscription-builders/${created.body.id}`;
      await http.request('PATCH', url, {
        body: { parameters: { repository, events: ['push'] }, credentials: { access_token: 'good-token' } },
      });
      const built = await http.request<SubscriptionView>('POST', `${url}/build`);
      expect(built.status).toBe(201);
      return built.body;
    }

    it('PATCH of the repository moves the webhook and keeps the id and endpoint', async () => {
      const created = await automatic('octo/alpha');
      const answer = await http.request<SubscriptionView>('PATCH', `/api/v1/subscriptions/${created.id}`, {
        body: { parameters: { repository: 'octo/gamma' }, credentials: { access_token: MASKED_SECRET } },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ id: created.id, endpoint: created.endpoint, status: 'active' });
      expect(http.host.at(created.endpoint).map((hook) => hook.repository)).toEqual(['octo/gamma']);
    });

    it('POST check re-creates a webhook deleted in the external system', async () => {
      const created = await automatic('octo/beta');
      http.host.hooks.clear();
      const answer = await http.request<SubscriptionView>(
        'POST',
        `/api/v1/subscriptions/${created.id}/check`,
      );
      expect(answer.status).toBe(200);
      expect(answer.body.status).toBe('active');
      expect(http.host.at(created.endpoint).map((hook) => hook.repository)).toEqual(['octo/beta']);
      const viewer = await http.request('POST', `/api/v1/subscriptions/${created.id}/check`, {
        token: http.tokens.viewer,
      });
      expect(viewer.status).toBe(403);
    });

    it('DELETE answers 502 external_delete_failed when removing the webhook fails; ?force=true deletes anyway', async () => {
      const created = await automatic('octo/alpha');
      const url = `/api/v1/subscriptions/${created.id}`;
      http.host.fail('unsubscribe', new ExternalServiceError('Server Error', 500), 1);
      const refused = await http.request('DELETE', url);
      expect(refused.status).toBe(502);
      expect(refused.body.error.code).toBe('external_delete_failed');
      expect(refused.body.error.message).toContain('?force=true');
      expect((await http.request('GET', url)).status).toBe(200);
      http.host.fail('unsubscribe', new ExternalServiceError('Server Error', 500), 1);
      expect((await http.request('DELETE', `${url}?force=true`)).status).toBe(204);
      expect((await http.request('GET', url)).status).toBe(404);
      expect(http.host.at(created.endpoint)).toHaveLength(1);
    });

    it('DELETE removes the external webhook', async () => {
      const created = await automatic('octo/beta');
      expect((await http.request('DELETE', `/api/v1/subscriptions/${created.id}`)).status).toBe(204);
      expect(http.host.at(created.endpoint)).toEqual([]);
    });
  });
});
