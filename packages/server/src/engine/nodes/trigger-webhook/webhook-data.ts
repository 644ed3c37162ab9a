import { VALUE_TYPES } from '../../variables/value-types.js';
import type { ParseNodeResult } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';

export const WEBHOOK_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;
export type WebhookMethod = (typeof WEBHOOK_METHODS)[number];

/** Dify stores the full media type. */
export const WEBHOOK_CONTENT_TYPES = [
  'application/json',
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
  'application/octet-stream',
] as const;
export type WebhookContentType = (typeof WEBHOOK_CONTENT_TYPES)[number];

/** Dify's value types, and `file` for uploads and binary bodies. */
export const WEBHOOK_VALUE_TYPES = [...VALUE_TYPES, 'file'] as const;
export type WebhookValueType = (typeof WEBHOOK_VALUE_TYPES)[number];

/** A declared header, query parameter or body field. */
export interface WebhookField {
  readonly name: string;
  readonly type: WebhookValueType;
  readonly required: boolean;
}

export interface TriggerWebhookNodeData {
  readonly method: WebhookMethod;
  readonly content_type: WebhookContentType;
  readonly headers: readonly WebhookField[];
  readonly params: readonly WebhookField[];
  readonly body: readonly WebhookField[];
  /** What the endpoint answers once the request is accepted. */
  readonly status_code: number;
  readonly response_body: string;
}

/** The variable name Tripline and Dify give the raw request. */
export const RAW_REQUEST_VARIABLE = '_webhook_raw';

const TEXT_TYPES: readonly WebhookValueType[] = [
  'string',
  'number',
  'boolean',
  'array[string]',
  'array[number]',
  'array[boolean]',
];

/** Which body field types each content type can carry. */
const BODY_TYPES: Readonly<Record<WebhookContentType, readonly WebhookValueType[]>> = {
  'application/json': WEBHOOK_VALUE_TYPES.filter((type) => type !== 'file'),
  'application/x-www-form-urlencoded': TEXT_TYPES,
  'multipart/form-data': [...TEXT_TYPES, 'file'],
  'text/plain': ['string'],
  'application/octet-stream': ['file'],
};

/** The variable a header becomes: `X-GitHub-Event` -> `X_GitHub_Event`. */
export function headerVariableName(header: string): string {
  return header.replaceAll('-', '_');
}

export function parseWebhookData(data: unknown, path: string): ParseNodeResult<TriggerWebhookNodeData> {
  const reader = DataReader.of(data, path);
  const method = reader.oneOf('method', WEBHOOK_METHODS, {
    fallback: 'get',
    normalize: (value) => value.toLowerCase(),
  });
  const contentType = reader.oneOf('content_type', WEBHOOK_CONTENT_TYPES, { fallback: 'application/json' });
  const headers = readFields(reader, 'headers', ['string']);
  const params = readFields(reader, 'params', TEXT_TYPES);
  const body = readFields(
    reader,
    'body',
    contentType === undefined ? WEBHOOK_VALUE_TYPES : BODY_TYPES[contentType],
  );
  const statusCode = reader.has('status_code')
    ? reader.number('status_code', { integer: true, min: 200, max: 599 })
    : 200;
  const responseBody = reader.string('response_body', { optional: true }) ?? '';
  checkUniqueVariables(reader, headers, params, body);
  if (method === undefined || contentType === undefined || statusCode === undefined) return reader.failed();
  return reader.result({
    method,
    content_type: contentType,
    headers,
    params,
    body,
    status_code: statusCode,
    response_body: responseBody,
  });
}

function readFields(reader: DataReader, key: string, allowed: readonly WebhookValueType[]): WebhookField[] {
  return reader.list(
    key,
    (item) => {
      const name = item.string('name', { nonEmpty: true, maxLength: 128 });
      const type = item.oneOf('type', allowed, { fallback: 'string' });
      const required = item.boolean('required', false);
      if (name === undefined || type === undefined) return undefined;
      return item.keep({ name, type, required });
    },
    { optional: true },
  );
}

/** Headers, parameters and body fields all become variables of one node, so names must not clash. */
function checkUniqueVariables(
  reader: DataReader,
  headers: readonly WebhookField[],
  params: readonly WebhookField[],
  body: readonly WebhookField[],
): void {
  const seen = new Map<string, string>([[RAW_REQUEST_VARIABLE, 'the raw request']]);
  const groups: Array<[string, readonly WebhookField[], (name: string) => string]> = [
    ['headers', headers, headerVariableName],
    ['params', params, (name) => name],
    ['body', body, (name) => name],
  ];
  for (const [key, fields, variableOf] of groups) {
    fields.forEach((field, index) => {
      const variable = variableOf(field.name);
      const owner = seen.get(variable);
      if (owner !== undefined) {
        reader.fail(
          `${key}[${index}].name`,
          `"${field.name}" gives variable "${variable}", already taken by ${owner}`,
        );
      } else {
        seen.set(variable, `${key}[${index}]`);
      }
    });
  }
}
