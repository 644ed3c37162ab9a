import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotFoundError } from '../domain/errors.js';
import { principalOf } from './principal.js';
import { bearer, OWNER_TOKEN, startTestApi, type TestApi } from './test-api.test-helpers.js';

async function extraRoutes(app: FastifyInstance): Promise<void> {
  app.get('/things/:id', async (request) => {
    const { workspaceId } = principalOf(request);
    throw new NotFoundError('thing', `${(request.params as { id: string }).id} in ${workspaceId.length}`);
  });
  app.get('/boom', async () => {
    throw new Error('database password is hunter2', { cause: new Error('deeper') });
  });
  app.post('/echo', async (request) => request.body);
}

describe('createApi', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      routes: [extraRoutes],
      publicRoutes: [
        async (app) => {
          app.get('/oauth/callback', async (request) => ({ signedIn: request.principal !== undefined }));
        },
      ],
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('serves an OpenAPI 3.1 document describing the routes', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toBe('3.1.0');
    expect(document.info.title).toBe('Tripline');
    expect(document.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(document.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/workspaces',
        '/api/v1/workspace',
        '/api/v1/integrations',
        '/api/v1/integrations/{integration}',
        '/api/v1/things/{id}',
        '/healthz',
        '/readyz',
        '/metrics',
      ]),
    );
    const create = document.paths['/api/v1/workspaces'].post;
    expect(create.requestBody.content['application/json'].schema.properties.name.type).toBe('string');
    expect(Object.keys(create.responses)).toEqual(expect.arrayContaining(['201', '400', '401']));
    expect(document.paths['/healthz'].get.security).toEqual([]);
    expect(document.paths['/openapi.json']).toBeUndefined();
  });

  it('serves the API browser at /docs', async () => {
    let response = await api.app.inject({ method: 'GET', url: '/docs' });
    if (response.statusCode >= 300 && response.statusCode < 400) {
      response = await api.app.inject({ method: 'GET', url: String(response.headers.location) });
    }
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('<html');
  });

  it('answers /healthz without a token', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz when the database answers', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('serves Prometheus metrics as text', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain('# TYPE tripline_ingress_requests_total counter');
  });

  it('answers unknown routes with a JSON 404', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/nowhere?x=1' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'no route GET /nowhere; the API is described at /openapi.json' },
    });
  });

  it('runs extra route plugins under /api/v1 behind authentication', async () => {
    const anonymous = await api.app.inject({ method: 'GET', url: '/api/v1/things/7' });
    expect(anonymous.statusCode).toBe(401);
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/things/7',
      headers: bearer(OWNER_TOKEN),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'thing "7 in 36" was not found' },
    });
  });

  it('runs public route plugins at the root without authentication', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/oauth/callback' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ signedIn: false });
  });

  it('answers unexpected errors with a generic 500 that leaks nothing', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/boom',
      headers: bearer(OWNER_TOKEN),
    });
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('internal_error');
    expect(response.body).not.toContain('hunter2');
    expect(response.body).not.toContain('at ');
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/v1/echo',
      headers: { ...bearer(OWNER_TOKEN), 'content-type': 'application/json' },
      payload: JSON.stringify({ text: 'x'.repeat(1024 * 1024) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().error.code).toBe('payload_too_large');
  });

  it('answers malformed JSON with 400 invalid_request', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/v1/echo',
      headers: { ...bearer(OWNER_TOKEN), 'content-type': 'application/json' },
      payload: '{"text": ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('invalid_request');
  });
});

describe('createApi readiness', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({
      wrapStore: (store) =>
        new Proxy(store, {
          get: (target, key) => {
            if (key === 'ping') return () => Promise.reject(new Error('connection refused'));
            const value: unknown = Reflect.get(target, key);
            return typeof value === 'function' ? value.bind(target) : value;
          },
        }),
    });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers /readyz with 503 when the database does not answer', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/readyz' });
    expect(response.statusCode).toBe(503);
    expect(response.json().error.code).toBe('not_ready');
    expect(response.body).not.toContain('connection refused');
  });
});
