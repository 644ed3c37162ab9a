import type { VariablePool } from '../node-definition.js';
import type { HttpRequestNodeData } from './http-request-data.js';

export interface BuiltRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body?: string | URLSearchParams | FormData;
}

export type BuildResult =
  | { readonly ok: true; readonly request: BuiltRequest }
  | { readonly ok: false; readonly error: string };

const CONTENT_TYPES = {
  json: 'application/json',
  'raw-text': 'text/plain',
} as const;

/** `Key: value` lines; a line without a colon is a key with an empty value, blank lines are skipped. */
export function keyValueLines(text: string): Array<[string, string]> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => {
      const colon = line.indexOf(':');
      return colon < 0 ? [line, ''] : [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
    })
    .filter((pair): pair is [string, string] => pair[0] !== '');
}

function authorizationHeader(data: HttpRequestNodeData, pool: VariablePool): [string, string] | undefined {
  if (data.authorization.type !== 'api-key') return undefined;
  const { config } = data.authorization;
  const key = pool.render(config.api_key);
  const header = config.header || 'Authorization';
  switch (config.type) {
    case 'bearer':
      return [header, `Bearer ${key}`];
    // Dify encodes `user:password`; a key without a colon is taken as already encoded.
    case 'basic':
      return [header, `Basic ${key.includes(':') ? Buffer.from(key).toString('base64') : key}`];
    case 'custom':
      return [header, key];
    default: {
      const exhaustive: never = config.type;
      return exhaustive;
    }
  }
}

type BodyResult =
  | { readonly ok: true; readonly body?: BuiltRequest['body'] }
  | { readonly ok: false; readonly error: string };

function buildBody(data: HttpRequestNodeData, pool: VariablePool, headers: Headers): BodyResult {
  const { body } = data;
  if (body.type === 'none' || data.method === 'get' || data.method === 'head') return { ok: true };
  switch (body.type) {
    case 'json':
    case 'raw-text': {
      const text = pool.render(body.data[0]?.value ?? '');
      if (body.type === 'json' && text.trim() !== '') {
        try {
          JSON.parse(text);
        } catch (error) {
          return {
            ok: false,
            error: `the JSON body is not valid JSON after filling in variables: ${(error as Error).message}`,
          };
        }
      }
      if (!headers.has('content-type')) headers.set('content-type', CONTENT_TYPES[body.type]);
      return { ok: true, body: text };
    }
    case 'x-www-form-urlencoded':
      return {
        ok: true,
        body: new URLSearchParams(
          body.data.map((item): [string, string] => [pool.render(item.key), pool.render(item.value)]),
        ),
      };
    case 'form-data': {
      // fetch writes the multipart boundary into the content type itself.
      headers.delete('content-type');
      const form = new FormData();
      for (const item of body.data) form.append(pool.render(item.key), pool.render(item.value));
      return { ok: true, body: form };
    }
    default: {
      const exhaustive: never = body.type;
      return exhaustive;
    }
  }
}

/**
 * Fills the node's variables into URL, parameters, headers, credentials and body. GET and HEAD
 * requests carry no body.
 */
export function buildRequest(data: HttpRequestNodeData, pool: VariablePool): BuildResult {
  let url: URL;
  const rendered = pool.render(data.url).trim();
  try {
    url = new URL(rendered);
  } catch {
    return { ok: false, error: `url "${rendered}" is not an absolute URL` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, error: `url ${url.href} is not http(s)` };
  for (const [key, value] of keyValueLines(data.params))
    url.searchParams.append(pool.render(key), pool.render(value));
  const headers = new Headers();
  try {
    for (const [key, value] of keyValueLines(pool.render(data.headers))) headers.set(key, value);
    const authorization = authorizationHeader(data, pool);
    if (authorization !== undefined) headers.set(authorization[0], authorization[1]);
  } catch (error) {
    return { ok: false, error: `headers are not valid: ${(error as Error).message}` };
  }
  const built = buildBody(data, pool, headers);
  if (!built.ok) return built;
  const { body } = built;
  return {
    ok: true,
    request: {
      url: url.href,
      method: data.method.toUpperCase(),
      headers,
      ...(body === undefined ? {} : { body }),
    },
  };
}
