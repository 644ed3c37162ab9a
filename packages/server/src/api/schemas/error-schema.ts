import { Type } from '@sinclair/typebox';

/** The body of every error answer of the API: `{error: {code, message}}`. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: 'Stable, machine-readable code, e.g. not_found.' }),
      message: Type.String({ description: 'What went wrong and how to fix it, for people.' }),
    }),
  },
  { description: 'An error.' },
);

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 422 | 429 | 502 | 503;

/**
 * Response schemas for the error statuses a route can answer, so the OpenAPI document lists
 * them: `response: { 200: Thing, ...errorResponses(401, 404) }`.
 */
export function errorResponses<const S extends ErrorStatus>(
  ...statuses: readonly S[]
): { readonly [K in S]: typeof ErrorBody } {
  const responses: Partial<Record<S, typeof ErrorBody>> = {};
  for (const status of statuses) responses[status] = ErrorBody;
  return responses as { readonly [K in S]: typeof ErrorBody };
}
