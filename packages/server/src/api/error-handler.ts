import { ExternalServiceError, IntegrationError } from '@tripline/sdk';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../domain/errors.js';
import { validationMessage } from './validation-message.js';

interface ErrorAnswer {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** Codes for the client errors Fastify itself raises (body parsing, limits, methods). */
const FRAMEWORK_CODES: Readonly<Record<number, string>> = {
  400: 'invalid_request',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/**
 * The one place errors become answers: `{error: {code, message}}` with a fitting status. Domain
 * errors (HttpError) keep their status, code, message and headers; an integration's errors are
 * meant for users (422 for refused credentials or input, 502 when the external system failed);
 * schema validation becomes 400 `invalid_request` naming the field; anything unexpected is a 500
 * whose details stay in the log.
 */
export function errorAnswer(error: unknown): ErrorAnswer {
  if (error instanceof HttpError) {
    return { status: error.status, code: error.code, message: error.message, headers: error.headers };
  }
  if (error instanceof IntegrationError) {
    const status = error instanceof ExternalServiceError ? 502 : 422;
    return { status, code: error.code, message: error.message, headers: {} };
  }
  const fastifyError = error as Partial<FastifyError>;
  if (fastifyError.validation) {
    return {
      status: 400,
      code: 'invalid_request',
      message: validationMessage(fastifyError.validationContext, fastifyError.validation),
      headers: {},
    };
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return {
      status,
      code: FRAMEWORK_CODES[status] ?? 'bad_request',
      message: fastifyError.message ?? 'the request is invalid',
      headers: {},
    };
  }
  return {
    status: 500,
    code: 'internal_error',
    message: 'an unexpected error occurred; the server log has the details',
    headers: {},
  };
}

export async function handleError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const answer = errorAnswer(error);
  if (answer.status >= 500) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.debug({ code: answer.code, status: answer.status }, answer.message);
  }
  return reply
    .code(answer.status)
    .headers(answer.headers)
    .type('application/json; charset=utf-8')
    .send({ error: { code: answer.code, message: answer.message } });
}

export async function handleNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return reply
    .code(404)
    .type('application/json; charset=utf-8')
    .send({
      error: {
        code: 'not_found',
        message: `no route ${request.method} ${request.url.split('?')[0]}; the API is described at /openapi.json`,
      },
    });
}
