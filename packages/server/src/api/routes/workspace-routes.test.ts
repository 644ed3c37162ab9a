import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, OWNER_TOKEN, startTestApi, type TestApi } from '../test-api.test-helpers.js';

describe('workspace routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  async function createWorkspace(payload: unknown) {
    return api.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      headers: bearer(OWNER_TOKEN),
      payload: payload as object,
    });
  }

  it('POST /workspaces creates a workspace whose token sees only it', async () => {
    const created = await createWorkspace({ name: '  Team B  ' });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(Object.keys(body).sort()).toEqual(['id', 'name', 'token']);
    expect(body.name).toBe('Team B');
    expect(body.token).toMatch(/^tl_/);

    const own = await api.app.inject({
      method: 'GET',
      url: '/api/v1/workspace',
      headers: bearer(body.token),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({
      id: body.id,
      name: 'Team B',
      member: { name: 'Owner', role: 'owner' },
    });

    const listed = await api.app.inject({
      method: 'GET',
      url: '/api/v1/workspaces',
      headers: bearer(body.token),
    });
    expect(listed.json().items).toEqual([
      { id: body.id, name: 'Team B', createdAt: '2026-03-01T12:00:00.000Z', role: 'owner' },
    ]);

    const original = await api.app.inject({
      method: 'GET',
      url: '/api/v1/workspace',
      headers: bearer(OWNER_TOKEN),
    });
    expect(original.json().name).toBe('Default');
    expect(original.json().id).not.toBe(body.id);
  });

  it('POST /workspaces requires authentication', async () => {
    const response = await api.app.inject({
      method: 'POST',
      url: '/api/v1/workspaces',
      payload: { name: 'X' },
    });
    expect(response.statusCode).toBe(401);
  });

  it('POST /workspaces names the field of a wrong type', async () => {
    const response = await createWorkspace({ name: 5 });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: { code: 'invalid_request', message: 'body/name must be string' },
    });
  });

  it('POST /workspaces names a missing field', async () => {
    const response = await createWorkspace({});
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('body/name is required');
  });

  it('POST /workspaces refuses unknown fields', async () => {
    const response = await createWorkspace({ name: 'A', nmae: 'B' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('body/nmae is not an allowed field');
  });

  it('POST /workspaces refuses a blank name', async () => {
    const response = await createWorkspace({ name: '   ' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'invalid_request',
      message: 'name must not be empty or only spaces',
    });
  });

  it('POST /workspaces refuses a name over 100 characters', async () => {
    const response = await createWorkspace({ name: 'n'.repeat(101) });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.message).toBe('body/name must be at most 100 characters long');
  });
});
