// The one way the console talks to the server: JSON over the public API with the session's bearer
// token. Refusals come back as ApiError (api-error.ts) in the server's words.
import { ApiError, readApiError } from './api-error.js';

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

export interface RequestOptions {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON unless it is a string (then as `contentType`, e.g. YAML). */
  readonly body?: unknown;
  readonly contentType?: string;
  readonly query?: Query;
  /** Overrides the session's token (sign-in checks a token before saving it). */
  readonly token?: string;
  /** Return the body as text instead of parsing JSON (e.g. YAML export). */
  readonly text?: boolean;
}

/** What {@link apiFetch} sends: the media type it accepts, and what `fetch` itself takes. */
export interface FetchOptions {
  readonly accept: string;
  readonly method?: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly query?: Query;
  /** Overrides the session's token. */
  readonly token?: string;
  readonly signal?: AbortSignal;
  readonly cache?: RequestCache;
}

let currentToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Set by the session when the user signs in, switches workspace or signs out. */
export function useToken(token: string | undefined): void {
  currentToken = token;
}

/** Called when the server answers 401 to the session's token (revoked, wrong instance). */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

/** `path` is relative to `/api/v1`, e.g. `/integrations/github`. */
export async function apiRequest<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const body = options.body;
  const response = await apiFetch(path, {
    accept: 'application/json',
    method: options.method ?? 'GET',
    ...(options.query ? { query: options.query } : {}),
    ...(options.token !== undefined ? { token: options.token } : {}),
    ...(body === undefined
      ? {}
      : typeof body === 'string'
        ? { body, contentType: options.contentType ?? 'text/plain' }
        : { body: JSON.stringify(body), contentType: 'application/json' }),
  });
  if (response.status === 401 && options.token === undefined) onUnauthorized?.();
  if (!response.ok) throw await readApiError(response);
  if (response.status === 204) return undefined as T;
  if (options.text) return (await response.text()) as T;
  return (await response.json()) as T;
}

/**
 * Sends one request to `/api/v1{path}` with the session's token and answers the response, whatever
 * its status, for callers that read it their own way (an event stream). Rejects with a
 * `network_error` {@link ApiError} when the server did not answer, and with the abort error when
 * `signal` aborted.
 */
export async function apiFetch(path: string, options: FetchOptions): Promise<Response> {
  const url = new URL(`/api/v1${path}`, window.location.origin);
  for (const [name, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { accept: options.accept };
  const token = options.token ?? currentToken;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.contentType) headers['content-type'] = options.contentType;
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: options.body,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.cache ? { cache: options.cache } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', `the server did not answer (${String(error)}); is it running?`);
  }
}
