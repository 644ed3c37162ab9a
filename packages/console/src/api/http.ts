/**
 * The one way the console talks to the server: JSON over the public API with the session's bearer
 * token. Errors come back as {@link ApiError} carrying the API's code and message, so pages can show
 * the server's words instead of a status number.
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

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON unless it is a string (then as `contentType`, e.g. YAML). */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Overrides the session's token (sign-in checks a token before saving it). */
  readonly token?: string;
  /** Return the body as text instead of parsing JSON (e.g. YAML export). */
  readonly text?: boolean;
}

let currentToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Set by the session when the user signs in, switches workspace or signs out. */
export function useToken(token: string | undefined): void {
  currentToken = token;
}

/** The session's token, for requests that cannot go through {@link apiRequest} (event streams). */
export function currentSessionToken(): string | undefined {
  return currentToken;
}

/** Called when the server answers 401 to the session's token (revoked, wrong instance). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/** `path` is relative to `/api/v1`, e.g. `/integrations/github`. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = options.token ?? currentToken;
  if (token) headers.authorization = `Bearer ${token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string') {
      body = options.body;
      headers['content-type'] = options.contentType ?? 'text/plain';
    } else {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
  }
  let response: Response;
  try {
    response = await fetch(url, { method: options.method ?? 'GET', headers, body });
  } catch (error) {
    throw new ApiError(0, 'network_error', `the server did not answer (${String(error)}); is it running?`);
  }
  if (response.status === 401 && options.token === undefined) onUnauthorized?.();
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  if (options.text) return (await response.text()) as T;
  return (await response.json()) as T;
}

async function toApiError(response: Response): Promise<ApiError> {
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
