/**
 * An HTTP request exactly as it reached an endpoint. `body` holds the raw bytes: signatures are
 * computed over them, and they are what is stored and replayed.
 */
export interface RawRequest {
  readonly method: string;
  /** Path and query as received, e.g. `/triggers/plugin/abc?x=1`. */
  readonly url: string;
  /** Lower-cased header names; repeated headers joined with ", " as Node does. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: Uint8Array;
}

/** What the endpoint answers. */
export interface HttpAnswer {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
}

/** Reads one header; names are case-insensitive. */
export function header(request: RawRequest, name: string): string | undefined {
  return request.headers[name.toLowerCase()];
}
