import { replaceReferences } from '../../variables/variable-reference.js';
import type { ParseNodeResult } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';

export const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** Dify's body types but `binary`, which needs file variables. */
export const BODY_TYPES = ['none', 'json', 'form-data', 'x-www-form-urlencoded', 'raw-text'] as const;
export type BodyType = (typeof BODY_TYPES)[number];
export const API_KEY_TYPES = ['basic', 'bearer', 'custom'] as const;

/** One body entry: a form field, or the whole text of a JSON or raw body. Texts may hold references. */
export interface BodyItem {
  readonly key: string;
  readonly type: 'text';
  readonly value: string;
}

export interface HttpRequestBody {
  readonly type: BodyType;
  readonly data: readonly BodyItem[];
}

export type HttpAuthorization =
  | { readonly type: 'no-auth' }
  | {
      readonly type: 'api-key';
      readonly config: {
        readonly type: (typeof API_KEY_TYPES)[number];
        readonly api_key: string;
        readonly header?: string;
      };
    };

/** Dify's HTTP request node. `headers` and `params` are `Key: value` lines. */
export interface HttpRequestNodeData {
  readonly method: HttpMethod;
  readonly url: string;
  readonly headers: string;
  readonly params: string;
  readonly body: HttpRequestBody;
  readonly authorization: HttpAuthorization;
  /** Seconds per phase (Dify's connect, read, write); they add up to one limit for the request. */
  readonly timeout?: { readonly connect?: number; readonly read?: number; readonly write?: number };
}

/** Every text of the node that may hold `{{#node.var#}}` references. */
export function templatedTexts(data: HttpRequestNodeData): string[] {
  return [
    data.url,
    data.headers,
    data.params,
    ...data.body.data.flatMap((item) => [item.key, item.value]),
    ...(data.authorization.type === 'api-key' ? [data.authorization.config.api_key] : []),
  ];
}

function readBody(reader: DataReader): HttpRequestBody {
  if (!reader.has('body')) return { type: 'none', data: [] };
  const body = reader.object('body');
  if (body === undefined) return { type: 'none', data: [] };
  if (body.value.type === 'binary') {
    body.fail(
      'type',
      'binary is not supported: it sends a file variable, and Tripline has no file variables',
    );
    return { type: 'none', data: [] };
  }
  const type = body.oneOf('type', BODY_TYPES, { fallback: 'none' }) ?? 'none';
  // Dify documents from before body items hold the text itself.
  if (typeof body.value.data === 'string')
    return body.keep({ type, data: [{ key: '', type: 'text', value: body.value.data }] });
  const data = body.list(
    'data',
    (item) => {
      if (item.value.type === 'file')
        return item.fail('type', 'file is not supported: Tripline has no file variables');
      const key = item.string('key', { optional: true }) ?? '';
      const value = item.string('value', { optional: true }) ?? '';
      return item.keep({ key, type: 'text' as const, value });
    },
    { optional: true },
  );
  if ((type === 'json' || type === 'raw-text') && data.length > 1)
    body.fail('data', `must hold one item for a ${type} body`);
  return body.keep({ type, data });
}

function readAuthorization(reader: DataReader): HttpAuthorization {
  const authorization = reader.object('authorization', { optional: true });
  const type =
    authorization?.oneOf('type', ['no-auth', 'api-key'] as const, { fallback: 'no-auth' }) ?? 'no-auth';
  if (authorization === undefined || type === 'no-auth') return { type: 'no-auth' };
  const config = authorization.object('config');
  const keyType = config?.oneOf('type', API_KEY_TYPES);
  const apiKey = config?.string('api_key', { nonEmpty: true });
  const header = config?.string('header', { optional: true });
  if (config === undefined || keyType === undefined || apiKey === undefined) return { type: 'no-auth' };
  return authorization.keep({
    type,
    config: config.keep({ type: keyType, api_key: apiKey, ...(header ? { header } : {}) }),
  });
}

function readTimeout(reader: DataReader): HttpRequestNodeData['timeout'] {
  const timeout = reader.object('timeout', { optional: true });
  if (timeout === undefined) return undefined;
  // Dify's editor stores max_*; its engine reads connect/read/write.
  const seconds = (name: 'connect' | 'read' | 'write') =>
    timeout.number(name, { optional: true, min: 0, max: 3600 }) ??
    timeout.number(`max_${name}_timeout`, { optional: true, min: 0, max: 3600 });
  const [connect, read, write] = [seconds('connect'), seconds('read'), seconds('write')];
  return {
    ...(connect ? { connect } : {}),
    ...(read ? { read } : {}),
    ...(write ? { write } : {}),
  };
}

/** A URL is checked when it is written out; one that starts with a reference is checked when it runs. */
function checkUrl(reader: DataReader, url: string): void {
  if (/^\s*\{\{#/.test(url)) return;
  try {
    const parsed = new URL(replaceReferences(url, () => 'x'));
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return;
  } catch {
    // Reported below.
  }
  reader.fail('url', `must be an absolute http(s) URL (got "${url}")`);
}

export function parseHttpRequestData(data: unknown, path: string): ParseNodeResult<HttpRequestNodeData> {
  const reader = DataReader.of(data, path);
  const method = reader.oneOf('method', HTTP_METHODS, { normalize: (value) => value.toLowerCase() });
  const url = reader.string('url', { nonEmpty: true });
  if (url !== undefined) checkUrl(reader, url);
  const headers = reader.string('headers', { optional: true }) ?? '';
  const params = reader.string('params', { optional: true }) ?? '';
  const body = readBody(reader);
  const authorization = readAuthorization(reader);
  const timeout = readTimeout(reader);
  if (method === undefined || url === undefined) return reader.failed();
  return reader.result({
    method,
    url,
    headers,
    params,
    body,
    authorization,
    ...(timeout === undefined ? {} : { timeout }),
  });
}
