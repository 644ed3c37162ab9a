import { CredentialsError, ExternalServiceError, IntegrationError } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { HttpError, SubscriptionLimitError } from '../domain/errors.js';
import { errorAnswer } from './error-handler.js';

describe('errorAnswer', () => {
  it('keeps an HttpError status, code, message and headers', () => {
    const answer = errorAnswer(
      new HttpError(429, 'rate_limited', 'slow down', { headers: { 'retry-after': '3' } }),
    );
    expect(answer).toEqual({
      status: 429,
      code: 'rate_limited',
      message: 'slow down',
      headers: { 'retry-after': '3' },
    });
  });

  it('maps a domain error subclass to its status', () => {
    expect(errorAnswer(new SubscriptionLimitError('github', 10))).toMatchObject({
      status: 409,
      code: 'subscription_limit',
    });
  });

  it('answers refused credentials with 422 and the integration message', () => {
    expect(errorAnswer(new CredentialsError('the token lacks the admin:repo_hook scope'))).toMatchObject({
      status: 422,
      code: 'invalid_credentials',
      message: 'the token lacks the admin:repo_hook scope',
    });
    expect(
      errorAnswer(new IntegrationError('repository must be owner/name', 'invalid_parameter')).status,
    ).toBe(422);
  });

  it('answers a failing external system with 502', () => {
    expect(errorAnswer(new ExternalServiceError('GitHub answered 500', 500))).toMatchObject({
      status: 502,
      code: 'external_service_error',
    });
  });

  it('hides the details of unexpected errors', () => {
    const answer = errorAnswer(new Error('connection string postgres://user:secret@db'));
    expect(answer.status).toBe(500);
    expect(answer.code).toBe('internal_error');
    expect(answer.message).not.toContain('secret');
  });

  it('maps framework client errors by status', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), {
      statusCode: 413,
      code: 'FST_ERR_CTP_BODY_TOO_LARGE',
    });
    expect(errorAnswer(tooLarge)).toMatchObject({ status: 413, code: 'payload_too_large' });
  });
});
