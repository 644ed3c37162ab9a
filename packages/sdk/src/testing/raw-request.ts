import type { RawRequest } from '../raw-request.js';

/**
 * What {@link rawRequest} builds a request from; every part has a default.
 *
 * @example
 * const input: RawRequestInput = { headers: { 'X-GitHub-Event': 'ping' }, body: '{}' };
 */
export interface RawRequestInput {
  /** `POST` when omitted. */
  readonly method?: string;
  /** `/triggers/plugin/test` when omitted. */
  readonly url?: string;
  /** Names in any case; they are lower-cased as the server does. */
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** A string is encoded as UTF-8. Empty when omitted. */
  readonly body?: string | Uint8Array;
}

/**
 * Builds a {@link RawRequest} from strings, as the server would hand it to an integration.
 *
 * @example
 * const request = rawRequest({
 *   headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'ping' },
 *   body: '{"zen":"Keep it logically awesome."}',
 * });
 */
export function rawRequest(input: RawRequestInput = {}): RawRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(input.headers ?? {})) {
    if (value !== undefined) headers[name.toLowerCase()] = value;
  }
  const body = input.body ?? new Uint8Array();
  return {
    method: input.method ?? 'POST',
    url: input.url ?? '/triggers/plugin/test',
    headers,
    body: typeof body === 'string' ? new TextEncoder().encode(body) : body,
  };
}

/**
 * The same request with one body byte changed (the middle one), or with one byte appended to an
 * empty body: what any signature over the body must refuse.
 *
 * @example
 * expect(integration.verify({ request: flipBodyByte(request), properties, clock }).ok).toBe(false);
 */
export function flipBodyByte(request: RawRequest): RawRequest {
  if (request.body.length === 0) return { ...request, body: Uint8Array.of(0x20) };
  const body = Uint8Array.from(request.body);
  const index = Math.floor(body.length / 2);
  body[index] = (body[index] ?? 0) ^ 0x01;
  return { ...request, body };
}
