import { CredentialsError, ExternalServiceError, type Integration, IntegrationError } from '@tripline/sdk';
import { HttpError } from '../domain/errors.js';

/**
 * Turns what an integration hook threw into an API answer that says what the external system said:
 * refused credentials are the user's to fix (400), an external failure is a bad gateway (502), an
 * unreachable system too. `doing` names the step, e.g. "creating the webhook".
 */
export function integrationFailure(integration: Integration, doing: string, error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof CredentialsError) {
    return new HttpError(
      400,
      error.code,
      `${integration.name} refused the credentials while ${doing}: ${error.message}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof ExternalServiceError) {
    return new HttpError(502, error.code, `${integration.name} failed while ${doing}: ${error.message}`, {
      cause: error,
    });
  }
  if (error instanceof IntegrationError) {
    return new HttpError(400, error.code, `${doing} failed: ${error.message}`, { cause: error });
  }
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  return new HttpError(
    502,
    timedOut ? 'external_timeout' : 'external_unreachable',
    timedOut
      ? `${integration.name} did not answer in time while ${doing}; try again later`
      : `could not reach ${integration.name} while ${doing}: ${error instanceof Error ? error.message : String(error)}`,
    { cause: error },
  );
}

/** Whether a failure means the credentials no longer work (the subscription becomes `unauthorized`). */
export function isCredentialsFailure(error: unknown): boolean {
  return error instanceof CredentialsError;
}

/**
 * Whether the external system refused a call outright (credentials, validation, not found): an
 * {@link IntegrationError} other than {@link ExternalServiceError}. From `subscribe`, by the SDK's
 * contract, it means no webhook was created.
 */
export function isOutrightRefusal(error: unknown): boolean {
  return error instanceof IntegrationError && !(error instanceof ExternalServiceError);
}
