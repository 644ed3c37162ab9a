/**
 * An HTTP request exactly as it reached an endpoint. `body` holds the raw bytes: signatures are
 * computed over them, and they are what is stored and replayed.
 *
 * @example
 * const request: RawRequest = {
 *   method: 'POST', url: '/triggers/plugin/abc', headers: { 'x-github-event': 'ping' }, body: new TextEncoder().encode('{}'),
 * };
 */
export interface RawRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/triggers/plugin/abc?x=1`. */
  readonly url: string;
  /** Lower-cased header names; repeated headers joined with ", " as Node does. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

/**
 * What the endpoint answers.
 *
 * @example
 * const answer: HttpAnswer = { status: 200, headers: { 'content-type': 'text/plain' }, body: challenge };
 */
export interface HttpAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
}

/**
 * Reads one header; names are case-insensitive.
 *
 * @example
 * const event = header(request, 'X-GitHub-Event');
 */
export function header(request: RawRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()];
}
