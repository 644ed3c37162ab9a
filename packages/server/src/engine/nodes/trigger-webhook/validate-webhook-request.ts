import { isRecord } from '../parse/data-reader.js';
import { type ParsedBody, parseWebhookBody } from './webhook-body.js';
import {
  headerVariableName,
  RAW_REQUEST_VARIABLE,
  type TriggerWebhookNodeData,
  type WebhookContentType,
  type WebhookField,
} from './webhook-data.js';
import {
  checkJsonValue,
  convertFormValue,
  describeValue,
  type FormValue,
  type ValueCheck,
} from './webhook-values.js';

/** A request to a webhook trigger, as the HTTP layer received it. */
export interface WebhookRequest {
  readonly method: string;
  /** Header names in any case; repeated headers as lists. */
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly query: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body: Uint8Array;
}

export type WebhookValidation =
  | { readonly ok: true; readonly variables: Readonly<Record<string, unknown>> }
  | {
      readonly ok: false;
      readonly status: 400 | 405 | 415;
      /** The failing part, e.g. `body.amount`, `params.page`, `headers.X-Signature`. */
      readonly field?: string;
      readonly message: string;
    };

/** Headers that never go into the raw request a run keeps, unless a field declares them. */
const SECRET_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * Checks a request against the trigger's declarations and returns the run's variables: one per
 * declared header (dashes become underscores), query parameter and body field, plus
 * `_webhook_raw`. A failure names the field and carries the status to answer.
 *
 * @example
 * const checked = await validateWebhookRequest(node.data, { method: 'POST', headers, query, body });
 * if (!checked.ok) return reply.code(checked.status).send({ error: checked.message });
 */
export async function validateWebhookRequest(
  data: TriggerWebhookNodeData,
  request: WebhookRequest,
): Promise<WebhookValidation> {
  if (request.method.toLowerCase() !== data.method) {
    return {
      ok: false,
      status: 405,
      message: `method must be ${data.method.toUpperCase()} (got ${request.method.toUpperCase()})`,
    };
  }
  const headers = lowerCaseHeaders(request.headers);
  const contentTypeHeader = headers.get('content-type') ?? '';
  if (data.body.length > 0 && !acceptsMediaType(data.content_type, contentTypeHeader)) {
    const got = contentTypeHeader === '' ? 'none' : contentTypeHeader;
    return { ok: false, status: 415, message: `content-type must be ${data.content_type} (got ${got})` };
  }
  const variables: Array<[string, unknown]> = [];

  for (const field of data.headers) {
    const value =
      headers.get(field.name.toLowerCase()) ?? headers.get(headerVariableName(field.name).toLowerCase());
    if (value === undefined && field.required)
      return missing(`headers.${field.name}`, `header "${field.name}"`);
    variables.push([headerVariableName(field.name), value ?? null]);
  }

  for (const field of data.params) {
    const raw = request.query[field.name];
    const checked = raw === undefined ? undefined : convertFormValue(field.type, raw as FormValue);
    const failed = fieldFailure(
      field,
      `params.${field.name}`,
      `query parameter "${field.name}"`,
      raw,
      checked,
    );
    if (failed !== undefined) return failed;
    variables.push([field.name, checked?.ok ? checked.value : null]);
  }

  const body = await parseWebhookBody(data.content_type, request.body, contentTypeHeader);
  if (!body.ok) {
    if (data.body.length > 0) return { ok: false, status: 400, field: 'body', message: body.message };
  } else {
    if (body.kind === 'json' && data.body.length > 0 && !isRecord(body.value)) {
      return { ok: false, status: 400, field: 'body', message: 'body must be a JSON object' };
    }
    for (const field of data.body) {
      const raw = bodyValue(body, field);
      const checked =
        raw === undefined
          ? undefined
          : body.kind === 'json'
            ? checkJsonValue(field.type, raw)
            : convertFormValue(field.type, raw as FormValue);
      const failed = fieldFailure(field, `body.${field.name}`, `body field "${field.name}"`, raw, checked);
      if (failed !== undefined) return failed;
      variables.push([field.name, checked?.ok ? checked.value : null]);
    }
  }

  const declaredHeaders = new Set(data.headers.map((field) => field.name.toLowerCase()));
  const rawHeaders = [...headers].filter(
    ([name]) => !SECRET_HEADERS.includes(name) || declaredHeaders.has(name),
  );
  variables.push([
    RAW_REQUEST_VARIABLE,
    {
      method: request.method.toUpperCase(),
      headers: Object.fromEntries(rawHeaders),
      query_params: Object.fromEntries(
        Object.entries(request.query).filter(([, value]) => value !== undefined),
      ),
      body: body.ok ? body.value : new TextDecoder().decode(request.body),
    },
  ]);
  return { ok: true, variables: Object.fromEntries(variables) };
}

function lowerCaseHeaders(headers: WebhookRequest['headers']): Map<string, string> {
  const result = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    result.set(name.toLowerCase(), typeof value === 'string' ? value : value.join(', '));
  }
  return result;
}

/** Binary triggers take any media type, text triggers any `text/*`; the others their own. */
function acceptsMediaType(expected: WebhookContentType, header: string): boolean {
  const mediaType = header.split(';')[0]?.trim().toLowerCase() ?? '';
  if (expected === 'application/octet-stream') return true;
  if (expected === 'text/plain') return mediaType.startsWith('text/');
  return mediaType === expected;
}

function bodyValue(body: Extract<ParsedBody, { ok: true }>, field: WebhookField): unknown {
  switch (body.kind) {
    case 'json':
      return isRecord(body.value) && Object.hasOwn(body.value, field.name)
        ? body.value[field.name]
        : undefined;
    case 'form':
      return Object.hasOwn(body.value, field.name) ? body.value[field.name] : undefined;
    // A text or binary body is one value: every declared field receives it whole.
    case 'text':
      return body.value === '' ? undefined : body.value;
    case 'file':
      return body.value.size === 0 ? undefined : body.value;
    default: {
      const exhaustive: never = body;
      return exhaustive;
    }
  }
}

function fieldFailure(
  field: WebhookField,
  path: string,
  label: string,
  raw: unknown,
  checked: ValueCheck | undefined,
): WebhookValidation | undefined {
  if (raw === undefined || raw === null) return field.required ? missing(path, label) : undefined;
  if (checked !== undefined && !checked.ok) {
    return {
      ok: false,
      status: 400,
      field: path,
      message: `${label} must be ${checked.expected} (got ${describeValue(raw)})`,
    };
  }
  return undefined;
}

function missing(path: string, label: string): WebhookValidation {
  return { ok: false, status: 400, field: path, message: `${label} is required` };
}
