import { builtInIntegrations } from '@tripline/integrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, OWNER_TOKEN, startTestApi, type TestApi } from '../test-api.test-helpers.js';

describe('integration routes', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(async () => {
    await api.close();
  });

  it('GET /integrations lists integrations with their events but no output schemas', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/integrations',
      headers: bearer(OWNER_TOKEN),
    });
    expect(response.statusCode).toBe(200);
    const [echo, ...rest] = response.json().items;
    expect(rest).toEqual([]);
    expect(echo).toMatchObject({
      id: 'echo',
      name: 'Echo',
      description: 'Accepts anything.',
      icon: 'data:image/svg+xml,<svg/>',
      subscriptionMethods: ['manual', 'api-key'],
      eventCount: 2,
      oauth: null,
      events: [
        { name: 'message', label: 'Message', description: 'Any request.' },
        { name: 'ping', label: 'Ping', description: 'A test request.' },
      ],
    });
    expect(echo.events[0]).not.toHaveProperty('outputSchema');
    expect(echo.constructorParameters).toEqual([
      {
        name: 'events',
        label: 'Events',
        type: 'multi-select',
        required: true,
        default: ['message'],
        options: [{ value: 'message', label: 'Message' }],
      },
    ]);
    expect(echo.credentialsSchema).toEqual([
      { name: 'access_token', label: 'Access token', type: 'secret', required: true },
    ]);
    expect(echo.propertiesSchema).toEqual([
      { name: 'webhook_secret', label: 'Webhook secret', type: 'secret', required: false },
    ]);
  });

  it('GET /integrations/{integration} includes filter parameters and output schemas', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/echo',
      headers: bearer(OWNER_TOKEN),
    });
    expect(response.statusCode).toBe(200);
    const message = response.json().events[0];
    expect(message.parameters).toEqual([
      {
        name: 'actions',
        label: 'Actions',
        type: 'multi-select',
        required: false,
        options: [{ value: 'sent', label: 'sent' }],
      },
    ]);
    expect(message.outputSchema).toEqual({
      type: 'object',
      properties: { text: { type: 'string', description: 'The text.' } },
    });
  });

  it('GET /integrations/{integration} answers 404 naming the known integrations', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/gitlab',
      headers: bearer(OWNER_TOKEN),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'integration "gitlab" was not found; known integrations: echo' },
    });
  });

  it('GET /integrations requires a token', async () => {
    const response = await api.app.inject({ method: 'GET', url: '/api/v1/integrations/echo' });
    expect(response.statusCode).toBe(401);
  });
});

describe('integration routes with the built-in integrations', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi({ integrations: builtInIntegrations });
  });
  afterAll(async () => {
    await api.close();
  });

  it('GET /integrations/github describes pull_request with its actions filter and output schema', async () => {
    const response = await api.app.inject({
      method: 'GET',
      url: '/api/v1/integrations/github',
      headers: bearer(OWNER_TOKEN),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const github = response.json();
    expect(github.subscriptionMethods).toContain('manual');
    expect(github.eventCount).toBe(github.events.length);
    const pullRequest = github.events.find((event: { name: string }) => event.name === 'pull_request');
    expect(pullRequest.parameters.map((parameter: { name: string }) => parameter.name)).toContain('actions');
    expect(pullRequest.outputSchema).toMatchObject({ type: 'object' });
  });
});
