import { isComposite, isJsonObject, NotNative, propertyOf, textOf } from './native-template-values.js';

/**
 * Filters the native renderer implements, each as nunjucks 3.2.4 (`filters.js`) and the
 * sandbox's renderer define it, over JSON values. Where nunjucks would call a method of the data,
 * coerce an array or object, or fail, a filter throws NotNative and the sandbox decides.
 */
export interface NativeFilter {
  /** Positional arguments after the filtered value; more send the template to the sandbox. */
  readonly maxArgs: number;
  /** The result is a nunjucks SafeString: only fit as the last filter of an output. */
  readonly outputOnly?: boolean;
  readonly apply: (value: unknown, args: readonly unknown[]) => unknown;
}

/** nunjucks' `normalize`: null, undefined and false stand for the default. */
function normalize(value: unknown, fallback: unknown): unknown {
  return value === null || value === undefined || value === false ? fallback : value;
}

function text(value: unknown, filter: string): string {
  if (typeof value !== 'string') throw new NotNative(`${filter} of a ${describe(value)}`);
  return value;
}

function primitive(value: unknown, filter: string): string | number | boolean | null | undefined {
  if (isComposite(value)) throw new NotNative(`${filter} of a ${describe(value)}`);
  return value as string | number | boolean | null | undefined;
}

function describe(value: unknown): string {
  return Array.isArray(value) ? 'list' : value === null ? 'null' : typeof value;
}

function capitalize(value: unknown): string {
  const lower = text(normalize(value, ''), 'capitalize').toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

function replace(value: unknown, args: readonly unknown[]): unknown {
  const [old, replacement, maxCountArg] = args;
  const maxCount = maxCountArg === undefined ? -1 : maxCountArg;
  if (typeof maxCount !== 'number') throw new NotNative('replace with a count that is not a number');
  if (typeof old !== 'string' && typeof old !== 'number') return value;
  const search = String(old);
  if (typeof value !== 'string' && typeof value !== 'number') return value;
  const source = String(value);
  const insert = textOf(replacement);
  if (search === '') {
    const separator = replacement === undefined ? ',' : insert;
    return insert + source.split('').join(separator) + insert;
  }
  let next = source.indexOf(search);
  if (maxCount === 0 || next === -1) return source;
  let result = '';
  let position = 0;
  let count = 0;
  while (next > -1 && (maxCount === -1 || count < maxCount)) {
    result += source.substring(position, next) + insert;
    position = next + search.length;
    count += 1;
    next = source.indexOf(search, position);
  }
  if (position < source.length) result += source.substring(position);
  return result;
}

function truncate(value: unknown, args: readonly unknown[]): string {
  const [lengthArg, killwords, end] = args;
  let input = text(normalize(value, ''), 'truncate');
  const length = lengthArg || 255;
  if (typeof length !== 'number') throw new NotNative('truncate to a length that is not a number');
  if (input.length <= length) return input;
  if (killwords) {
    input = input.substring(0, length);
  } else {
    let at = input.lastIndexOf(' ', length);
    if (at === -1) at = length;
    input = input.substring(0, at);
  }
  return input + (end !== undefined && end !== null ? textOf(end) : '...');
}

function join(value: unknown, args: readonly unknown[]): string {
  const [separatorArg, attribute] = args;
  if (!Array.isArray(value)) throw new NotNative(`join of a ${describe(value)}`);
  const items = attribute ? value.map((item: unknown) => propertyOf(item, attribute)) : value;
  const separator = textOf(separatorArg || '');
  return items
    .map((item: unknown) => (item === null || item === undefined ? '' : textOf(item)))
    .join(separator);
}

function round(value: unknown, args: readonly unknown[]): number {
  const [precisionArg, method] = args;
  const precision = precisionArg || 0;
  // Powers of ten up to 22 are exact doubles: the sandbox's engine computes the same factor.
  if (typeof precision !== 'number' || !Number.isInteger(precision) || precision < 0 || precision > 22)
    throw new NotNative('round to a precision that is not a whole number from 0 to 22');
  const factor = 10 ** precision;
  const rounder = method === 'ceil' ? Math.ceil : method === 'floor' ? Math.floor : Math.round;
  return rounder(Number(primitive(value, 'round')) * factor) / factor;
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '"': '&quot;',
  "'": '&#39;',
  '<': '&lt;',
  '>': '&gt;',
  '\\': '&#92;',
};

function jsonText(value: unknown, indent: unknown): string | undefined {
  const space = primitive(indent, 'the indent of tojson');
  return JSON.stringify(
    value,
    null,
    typeof space === 'string' || typeof space === 'number' ? space : undefined,
  );
}

function toInt(value: unknown, args: readonly unknown[]): unknown {
  const [fallback, base] = args;
  // nunjucks' macro wrapper reads a last argument with a `__keywords` key as keyword arguments.
  if ([value, ...args].some((arg) => isJsonObject(arg) && Object.hasOwn(arg, '__keywords')))
    throw new NotNative('int with a __keywords argument');
  if (base !== undefined && typeof base !== 'number')
    throw new NotNative('int with a base that is not a number');
  const parsed = Number.parseInt(textOf(value), base ?? 10);
  return Number.isNaN(parsed) ? fallback : parsed;
}

const upper = (value: unknown) => text(normalize(value, ''), 'upper').toUpperCase();
const lower = (value: unknown) => text(normalize(value, ''), 'lower').toLowerCase();
const defaultFilter = (value: unknown, [fallback, boolean]: readonly unknown[]) =>
  boolean ? value || fallback : value !== undefined ? value : fallback;
const escapeHtml = (value: unknown) =>
  textOf(value === null || value === undefined ? '' : value).replace(
    /[&"'<>\\]/g,
    (char) => ESCAPES[char] ?? char,
  );

/** The filters by name. */
export const NATIVE_FILTERS: ReadonlyMap<string, NativeFilter> = new Map<string, NativeFilter>([
  ['default', { maxArgs: 2, apply: defaultFilter }],
  ['d', { maxArgs: 2, apply: defaultFilter }],
  ['upper', { maxArgs: 0, apply: upper }],
  ['lower', { maxArgs: 0, apply: lower }],
  ['capitalize', { maxArgs: 0, apply: capitalize }],
  [
    'title',
    {
      maxArgs: 0,
      apply: (value) => text(normalize(value, ''), 'title').split(' ').map(capitalize).join(' '),
    },
  ],
  ['trim', { maxArgs: 0, apply: (value) => text(value, 'trim').replace(/^\s*|\s*$/g, '') }],
  [
    'length',
    {
      maxArgs: 0,
      apply(value) {
        const normalized = normalize(value, '');
        if (typeof normalized === 'string' || Array.isArray(normalized)) return normalized.length;
        if (isJsonObject(normalized)) return Object.keys(normalized).length;
        return undefined;
      },
    },
  ],
  ['join', { maxArgs: 2, apply: join }],
  ['first', { maxArgs: 0, apply: (value) => propertyOf(value, 0) }],
  [
    'last',
    {
      maxArgs: 0,
      apply(value) {
        if (typeof value === 'string' || Array.isArray(value)) return propertyOf(value, value.length - 1);
        if (typeof value === 'number' || typeof value === 'boolean') return undefined;
        throw new NotNative(`last of a ${describe(value)}`);
      },
    },
  ],
  ['replace', { maxArgs: 3, apply: replace }],
  [
    'tojson',
    { maxArgs: 1, apply: (value, [indent]) => jsonText(value === undefined ? null : value, indent) },
  ],
  ['dump', { maxArgs: 1, apply: (value, [indent]) => jsonText(value, indent) }],
  [
    'string',
    {
      maxArgs: 0,
      apply(value) {
        if (value === null || value === undefined) throw new NotNative('string of null');
        return textOf(value);
      },
    },
  ],
  ['int', { maxArgs: 2, apply: toInt }],
  [
    'float',
    {
      maxArgs: 1,
      apply(value, [fallback]) {
        const parsed = Number.parseFloat(textOf(value));
        return Number.isNaN(parsed) ? fallback : parsed;
      },
    },
  ],
  ['round', { maxArgs: 2, apply: round }],
  ['truncate', { maxArgs: 3, apply: truncate }],
  ['abs', { maxArgs: 0, apply: (value) => Math.abs(Number(primitive(value, 'abs'))) }],
  [
    'wordcount',
    {
      maxArgs: 0,
      apply(value) {
        const normalized = normalize(value, '');
        if (!normalized) return null;
        return text(normalized, 'wordcount').match(/\w+/g)?.length ?? null;
      },
    },
  ],
  [
    'urlencode',
    {
      maxArgs: 0,
      apply(value) {
        try {
          return encodeURIComponent(text(value, 'urlencode'));
        } catch (error) {
          if (error instanceof URIError) throw new NotNative('urlencode of a malformed string');
          throw error;
        }
      },
    },
  ],
  ['escape', { maxArgs: 0, outputOnly: true, apply: escapeHtml }],
  ['e', { maxArgs: 0, outputOnly: true, apply: escapeHtml }],
]);
