/**
 * The few error types of the service. Domain errors carry fields; the API maps every error to
 * `{error: {code, message}}` in one place (api/error-handler.ts). Codes are stable and listed in
 * the README.
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    options?: { cause?: unknown; headers?: Readonly<Record<string, string>> },
  ) {
    super(message, options);
    this.headers = options?.headers ?? {};
  }
  readonly headers: Readonly<Record<string, string>>;
}

export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  constructor(what: string, id: string) {
    super(404, 'not_found', `${what} "${id}" was not found`);
  }
}

export class ValidationError extends HttpError {
  override readonly name = 'ValidationError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(400, 'invalid_request', message, options);
  }
}

export class ConflictError extends HttpError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

/** The 11th subscription of one integration in one workspace. */
export class SubscriptionLimitError extends HttpError {
  override readonly name = 'SubscriptionLimitError';
  constructor(
    readonly integration: string,
    readonly limit: number,
  ) {
    super(
      409,
      'subscription_limit',
      `a workspace can have at most ${limit} subscriptions of integration "${integration}"; delete one before creating another`,
    );
  }
}

export class NameTakenError extends HttpError {
  override readonly name = 'NameTakenError';
  constructor(
    readonly integration: string,
    readonly subscriptionName: string,
  ) {
    super(
      409,
      'name_taken',
      `a subscription of integration "${integration}" named "${subscriptionName}" already exists; choose another name`,
    );
  }
}
