import {
  arrayElementType,
  fitsScalarType,
  type ScalarValueType,
  VALUE_TYPE_NAMES,
} from '../../variables/value-types.js';
import { isRecord } from '../parse/data-reader.js';
import type { WebhookValueType } from './webhook-data.js';

/** An uploaded file or a binary body, carried inline since runs keep their data as JSON. */
export interface WebhookFile {
  readonly filename: string | null;
  readonly mime_type: string;
  readonly size: number;
  readonly data_base64: string;
}

/** What a form or query string gives for one name: text, files, or several of them. */
export type FormValue = string | WebhookFile | ReadonlyArray<string | WebhookFile>;

export type ValueCheck =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly expected: string };

const EXPECTED: Readonly<Record<WebhookValueType, string>> = { ...VALUE_TYPE_NAMES, file: 'a file' };

export function isWebhookFile(value: unknown): value is WebhookFile {
  return isRecord(value) && typeof value.data_base64 === 'string' && typeof value.mime_type === 'string';
}

/** A JSON body value must already have the declared type. */
export function checkJsonValue(type: WebhookValueType, value: unknown): ValueCheck {
  // A JSON body carries no files.
  const element = arrayElementType(type);
  const ok =
    element === undefined
      ? type !== 'file' && fitsScalarType(type as ScalarValueType, value)
      : Array.isArray(value) && value.every((item) => fitsScalarType(element, item));
  return ok ? { ok: true, value } : { ok: false, expected: EXPECTED[type] };
}

/** Form and query values arrive as text; they are converted to the declared type. */
export function convertFormValue(type: WebhookValueType, value: FormValue): ValueCheck {
  const element = arrayElementType(type);
  const values: ReadonlyArray<string | WebhookFile> = Array.isArray(value)
    ? value
    : [value as string | WebhookFile];
  if (element !== undefined) {
    const converted = values.map((item) => convertOne(element, item));
    if (converted.some((item) => item === undefined)) return { ok: false, expected: EXPECTED[type] };
    return { ok: true, value: converted };
  }
  // A name sent more than once keeps its first value, as most form readers do.
  const first = values[0];
  const converted = first === undefined ? undefined : convertOne(type, first);
  return converted === undefined ? { ok: false, expected: EXPECTED[type] } : { ok: true, value: converted };
}

function convertOne(type: WebhookValueType, value: string | WebhookFile): unknown {
  if (type === 'file') return isWebhookFile(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  switch (type) {
    case 'string':
      return value;
    case 'number': {
      const number = value.trim() === '' ? Number.NaN : Number(value);
      return Number.isFinite(number) ? number : undefined;
    }
    case 'boolean':
      return value === 'true' || value === '1'
        ? true
        : value === 'false' || value === '0'
          ? false
          : undefined;
    case 'object': {
      try {
        const parsed: unknown = JSON.parse(value);
        return isRecord(parsed) ? parsed : undefined;
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}

/** What a value looked like, for messages: `"abc"`, `a list`, `an object`. */
export function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isWebhookFile(value)) return 'a file';
  if (isRecord(value)) return 'an object';
  return JSON.stringify(value) ?? String(value);
}
