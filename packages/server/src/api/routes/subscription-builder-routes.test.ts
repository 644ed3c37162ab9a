import { MASKED_SECRET } from '@tripline/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogPage } from '../../request-logs/list-request-logs.js';
import type { BuilderView } from '../../subscriptions/builder-view.js';
import type { SubscriptionView } from '../../subscriptions/subscription-view.js';
import { type SubscriptionApi, startSubscriptionApi } from './subscription-api.test-helpers.js';

describe('subscription builder routes', () => {
  let http: SubscriptionApi;
  beforeAll(async () => {
    http = await startSubscriptionApi();
  });
  afterAll(async () => {
    await http.api.close();
  });

  const create = (body: unknown = { method: 'manual' }, token?: string) =>
    http.request<BuilderView>('POST', '/api/v1/integrations/hooks/subscription-builders', {
      body,
      ...(token ? { token } : {}),
    });

  it('POST creates a builder (201) whose secret shows once; GET shows it masked', async () => {
    const created = await create();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      integration: 'hooks',
      method: 'manual',
      name: null,
      endpoint: `https://triggers.example.com/triggers/plugin/${created.body.id}`,
      hasCredentials: false,
    });
    expect(created.body.properties.webhook_secret).toMatch(/^[0-9a-f]{64}$/);
    expect(created.body.expiresAt).toBe('2026-03-01T12:30:00.000Z');
    const shown = await http.request<BuilderView>('GET', `/api/v1/subscription-builders/${created.body.id}`);
    expect(shown.status).toBe(200);
    expect(shown.body.properties.webhook_secret).toBe(MASKED_SECRET);
  });

  it('POST refuses an unsupported method with 400 naming the supported ones', async () => {
    const refused = await http.request('POST', '/api/v1/integrations/hooks/subscription-builders', {
      body: { method: 'oauth' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe('invalid_request');
    expect(refused.body.error.message).toContain('supported: manual');
    const unknownField = await http.request('POST', '/api/v1/integrations/hooks/subscription-builders', {
      body: { method: 'manual', secret: 'x' },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error.message).toContain('secret is not an allowed field');
  });

  it('POST needs write permission and a token', async () => {
    expect((await create({ method: 'manual' }, http.tokens.viewer)).status).toBe(403);
    const anonymous = await http.api.app.inject({
      method: 'POST',
      url: '/api/v1/integrations/hooks/subscription-builders',
      payload: { method: 'manual' },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('PATCH keeps the masked secret, takes a new one, and refuses values of the wrong type', async () => {
    const { body: builder } = await create();
    const url = `/api/v1/subscription-builders/${builder.id}`;
    const kept = await http.request<BuilderView>('PATCH', url, {
      body: { name: 'Main', properties: { webhook_secret: MASKED_SECRET, note: 'hello' } },
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({
      name: 'Main',
      properties: { webhook_secret: MASKED_SECRET, note: 'hello' },
    });
    const replaced = await http.request<BuilderView>('PATCH', url, {
      body: { properties: { webhook_secret: 'pasted-secret' } },
    });
    expect(replaced.body.properties.webhook_secret).toBe('pasted-secret');
    // A number is not coerced into the string the property takes.
    const wrongType = await http.request('PATCH', url, { body: { properties: { note: 5 } } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.error.message).toContain('properties.note must be a string');
    const viewer = await http.request('PATCH', url, { token: http.tokens.viewer, body: { name: 'x' } });
    expect(viewer.status).toBe(403);
  });

  it('GET logs lists the builder endpoint requests with query validation', async () => {
    const { body: builder } = await create();
    const page = await http.request<RequestLogPage>(
      'GET',
      `/api/v1/subscription-builders/${builder.id}/logs?limit=5&outcome=accepted`,
    );
    expect(page).toEqual({ status: 200, body: { items: [], nextCursor: null } });
    const invalid = await http.request(
      'GET',
      `/api/v1/subscription-builders/${builder.id}/logs?outcome=great`,
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.message).toContain('outcome');
  });

  it('POST build answers 201 with a subscription of the same id and endpoint', async () => {
    const { body: builder } = await create({ method: 'manual', name: 'Built by route' });
    const built = await http.request<SubscriptionView>(
      'POST',
      `/api/v1/subscription-builders/${builder.id}/build`,
    );
    expect(built.status).toBe(201);
    expect(built.body).toMatchObject({
      id: builder.id,
      endpoint: builder.endpoint,
      name: 'Built by route',
      workflowsInUse: 0,
      status: 'active',
      properties: { webhook_secret: MASKED_SECRET },
    });
    expect(built.body).not.toHaveProperty('credentials');
    const again = await http.request('POST', `/api/v1/subscription-builders/${builder.id}/build`);
    expect(again.status).toBe(404);
  });

  it('another workspace gets 404 for every builder route', async () => {
    const { body: builder } = await create();
    const token = http.tokens.stranger;
    const base = `/api/v1/subscription-builders/${builder.id}`;
    for (const [method, url, body] of [
      ['GET', base, undefined],
      ['PATCH', base, { name: 'mine' }],
      ['GET', `${base}/logs`, undefined],
      ['POST', `${base}/build`, undefined],
      ['POST', `${base}/verify`, undefined],
      ['GET', `${base}/parameters/repository/options`, undefined],
    ] as const) {
      const answer = await http.request(method, url, { token, ...(body ? { body } : {}) });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe('not_found');
    }
  });

  it('the OpenAPI document describes the builder routes', async () => {
    const response = await http.api.app.inject({ method: 'GET', url: '/openapi.json' });
    const paths = response.json().paths as Record<string, Record<string, unknown>>;
    expect(Object.keys(paths['/api/v1/integrations/{integration}/subscription-builders'] ?? {})).toContain(
      'post',
    );
    expect(Object.keys(paths['/api/v1/subscription-builders/{id}'] ?? {})).toEqual(
      expect.arrayContaining(['get', 'patch']),
    );
    expect(paths['/api/v1/subscription-builders/{id}/build']).toHaveProperty('post');
    expect(paths['/api/v1/subscription-builders/{id}/logs']).toHaveProperty('get');
    expect(paths['/api/v1/subscription-builders/{id}/verify']).toHaveProperty('post');
    expect(paths['/api/v1/subscription-builders/{id}/parameters/{name}/options']).toHaveProperty('get');
  });

  describe('automatic builders', () => {
    /** An api-key builder of the fake `hookhub` integration with a repository and a token. */
    async function apiKeyBuilder(token: string, repository = 'octo/alpha'): Promise<BuilderView> {
      const created = await http.request<BuilderView>(
        'POST',
        '/api/v1/integrations/hookhub/subscription-builders',
        { body: { method: 'api-key' } },
      );
      const patched = await http.request<BuilderView>(
        'PATCH',
        `/api/v1/subscription-builders/${created.body.id}`,
        {
          body: { parameters: { repository, events: ['push'] }, credentials: { access_token: token } },
        },
      );
      expect(patched.status).toBe(200);
      return patched.body;
    }

    it('POST verify answers 200 ok for good credentials and 400 invalid_credentials with the external message', async () => {
      const good = await apiKeyBuilder('good-token');
      const ok = await http.request<{ ok: boolean }>(
        'POST',
        `/api/v1/subscription-builders/${good.id}/verify`,
      );
      expect(ok).toEqual({ status: 200, body: { ok: true } });
      const bad = await apiKeyBuilder('revoked-token');
      const refused = await http.request('POST', `/api/v1/subscription-builders/${bad.id}/verify`);
      expect(refused.status).toBe(400);
      expect(refused.body.error.code).toBe('invalid_credentials');
      expect(refused.body.error.message).toContain('Bad credentials');
      expect(JSON.stringify(refused.body)).not.toContain('revoked-token');
      const viewer = await http.request('POST', `/api/v1/subscription-builders/${good.id}/verify`, {
        token: http.tokens.viewer,
      });
      expect(viewer.status).toBe(403);
    });

    it('POST verify of an oauth builder never authorized answers 400 saying to authorize first', async () => {
      const created = await http.request<BuilderView>(
        'POST',
        '/api/v1/integrations/hookhub/subscription-builders',
        { body: { method: 'oauth' } },
      );
      expect(created.body.credential).toBeNull();
      const answer = await http.request('POST', `/api/v1/subscription-builders/${created.body.id}/verify`);
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toContain('authorize first');
    });

    it('GET parameter options lists the choices; unknown parameters answer 404 naming the dynamic ones', async () => {
      const builder = await apiKeyBuilder('good-token');
      const base = `/api/v1/subscription-builders/${builder.id}/parameters`;
      const options = await http.request<{ options: { value: string; label: string }[] }>(
        'GET',
        `${base}/repository/options`,
      );
      expect(options.status).toBe(200);
      expect(options.body.options.map((option) => option.value)).toEqual([
        'octo/alpha',
        'octo/beta',
        'octo/gamma',
      ]);
      const unknown = await http.request('GET', `${base}/branch/options`);
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toContain('dynamic-select parameters: repository');
      const fixed = await http.request('GET', `${base}/events/options`);
      expect(fixed.status).toBe(400);
    });

    it('GET parameter options is refused to viewers: it calls out with the builder credentials', async () => {
      const builder = await apiKeyBuilder('good-token');
      const calls = http.host.calls.length;
      const viewer = await http.request(
        'GET',
        `/api/v1/subscription-builders/${builder.id}/parameters/repository/options`,
        {
          token: http.tokens.viewer,
        },
      );
      expect(viewer.status).toBe(403);
      expect(viewer.body.error.code).toBe('forbidden');
      expect(http.host.calls.length).toBe(calls);
    });

    it('POST build creates the external webhook and answers the subscription with its secret masked', async () => {
      const builder = await apiKeyBuilder('good-token', 'octo/beta');
      const built = await http.request<SubscriptionView>(
        'POST',
        `/api/v1/subscription-builders/${builder.id}/build`,
      );
      expect(built.status).toBe(201);
      const [hook] = http.host.at(builder.endpoint);
      expect(hook?.repository).toBe('octo/beta');
      expect(built.body).toMatchObject({
        id: builder.id,
        endpoint: builder.endpoint,
        method: 'api-key',
        properties: { hook_id: String(hook?.id), repository: 'octo/beta', webhook_secret: MASKED_SECRET },
        credential: null,
      });
      expect(JSON.stringify(built.body)).not.toContain(String(hook?.secret));
    });

    it('POST build answers 502 with the external message when the external system fails', async () => {
      const builder = await apiKeyBuilder('good-token', 'octo/nowhere');
      const answer = await http.request('POST', `/api/v1/subscription-builders/${builder.id}/build`);
      expect(answer.status).toBe(502);
      expect(answer.body.error.message).toContain('repository octo/nowhere not found');
    });
  });
});
