/**
 * Errors an integration hook throws to say what went wrong in words a user can act on. The server
 * maps them to API answers; anything else is an internal error.
 *
 * @example
 * throw new IntegrationError('repository must be owner/name', 'invalid_repository');
 */
export class IntegrationError extends Error {
  override readonly name: string = 'IntegrationError';
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * Credentials the external system refused (bad token, missing scope).
 *
 * @example
 * if (response.status === 401) throw new CredentialsError('GitHub refused the access token');
 */
export class CredentialsError extends IntegrationError {
  override readonly name = 'CredentialsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'invalid_credentials', options);
  }
}

/**
 * The external system answered with an error we cannot fix by ourselves.
 *
 * @example
 * if (!response.ok) throw new ExternalServiceError(`creating the webhook failed (${response.status})`, response.status);
 */
export class ExternalServiceError extends IntegrationError {
  override readonly name = 'ExternalServiceError';
  constructor(
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, 'external_service_error', options);
  }
}
