import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, OWNER_TOKEN, startTestApi, type TestApi } from './test-api.test-helpers.js';

describe('authenticate', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 401 with instructions when no token is sent', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/v1/integrations' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
    const body = response.json();
    expect(body.error.code).toBe('unauthenticated');
    expect(body.error.message).toContain('Authorization: Bearer <API token>');
  });

  it('answers 401 for another scheme than Bearer', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/integrations',
      headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error).toMatchObject({ code: 'unauthenticated' });
    expect(response.json().error.message).toContain('Bearer');
  });

  it('answers 401 for an unknown token', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/workspace',
      headers: bearer(`${OWNER_TOKEN}x`),
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('invalid_token');
  });

  it('lets the bootstrap token act as the owner of the default workspace', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/workspace',
      headers: bearer(OWNER_TOKEN),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ name: 'Default', member: { name: 'Owner', role: 'owner' } });
  });

  it('accepts the scheme name in any case', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/workspace',
      headers: { authorization: `bearer ${OWNER_TOKEN}` },
    });
    expect(response.statusCode).toBe(200);
  });

  it('leaves public routes open', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
  });
});
