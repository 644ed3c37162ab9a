/**
 * Errors an integration hook throws to say what went wrong in words a user can act on. The server
 * maps them to API answers; anything else is an internal error.
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

/** Credentials the external system refused (bad token, missing scope). */
export class CredentialsError extends IntegrationError {
  override readonly name = 'CredentialsError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'invalid_credentials', options);
  }
}

/** The external system answered with an error we cannot fix by ourselves. */
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
