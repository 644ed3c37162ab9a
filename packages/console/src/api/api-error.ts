/**
 * A refusal of the API, or a failure to reach it, with the API's stable code and its message, so
 * pages can show the server's words instead of a status number. `status` is 0 when no answer came.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The API's refusal in its own words (`{error: {code, message}}`), else the status line. */
export async function readApiError(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) {
      return new ApiError(response.status, parsed.error.code ?? 'error', parsed.error.message);
    }
  } catch {
    // Not JSON (a proxy's error page): fall through to the status line.
  }
  return new ApiError(
    response.status,
    'http_error',
    `the server answered ${response.status} ${response.statusText}`,
  );
}
