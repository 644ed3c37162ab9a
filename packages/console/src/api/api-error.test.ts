import { describe, expect, it } from 'vitest';
import { ApiError, readApiError } from './api-error.js';

describe('readApiError', () => {
  it('carries the code and message of the API error body', async () => {
    const response = new Response(
      JSON.stringify({ error: { code: 'subscription_limit', message: '10 of 10 subscriptions' } }),
      { status: 409, statusText: 'Conflict' },
    );
    const error = await readApiError(response);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 409,
      code: 'subscription_limit',
      message: '10 of 10 subscriptions',
    });
  });

  it('says "error" when the body has a message but no code', async () => {
    const error = await readApiError(
      new Response(JSON.stringify({ error: { message: 'no' } }), { status: 400 }),
    );
    expect(error).toMatchObject({ status: 400, code: 'error', message: 'no' });
  });

  it('falls back to the status line for a body that is not the API error', async () => {
    const error = await readApiError(
      new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
    );
    expect(error).toMatchObject({
      status: 502,
      code: 'http_error',
      message: 'the server answered 502 Bad Gateway',
    });
  });
});
