export type GuardedFetchErrorCode =
  | 'blocked_address'
  | 'invalid_url'
  | 'too_many_redirects'
  | 'response_too_large'
  | 'timeout'
  | 'cancelled'
  | 'network';

/** Why a guarded request did not produce a response; the message names the target. */
export class GuardedFetchError extends Error {
  override readonly name = 'GuardedFetchError';
  constructor(
    readonly code: GuardedFetchErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
