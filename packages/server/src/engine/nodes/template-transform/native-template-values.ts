/**
 * How the sandboxed nunjucks sees and prints values, for the native renderer. The sandbox
 * receives the variables as JSON, so values here are JSON data: strings, finite numbers,
 * booleans, null, arrays and plain objects. The renderer reads only own properties of them and
 * calls nothing on them; whenever nunjucks would reach a prototype (`x.constructor`,
 * `x.__proto__`, `s.split`, `list.pop`), call a method of the data or fail, the native render
 * stops with NotNative and the sandbox renders the template instead, so both always agree.
 */
export class NotNative extends Error {
  constructor(reason: string) {
    super(`not rendered natively: ${reason}`);
  }
}

export type JsonObject = { readonly [key: string]: unknown };

/** Names nunjucks' Jinja compatibility layer answers with a method on an array (`list.append`). */
const ARRAY_MEMBERS = new Set(['pop', 'append', 'remove', 'count', 'index', 'find', 'insert']);
/** The same on an object (`dict.items`). */
const OBJECT_MEMBERS = new Set([
  ...['items', 'values', 'keys', 'get', 'has_key', 'pop', 'popitem', 'setdefault', 'update'],
  ...['iteritems', 'itervalues', 'iterkeys'],
]);
/** nunjucks' globals, looked up when a name is not a variable. */
const GLOBALS = new Set(['range', 'cycler', 'joiner']);

function prototypeNames(...prototypes: readonly object[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const prototype of prototypes) {
    for (let at: object | null = prototype; at !== null; at = Object.getPrototypeOf(at) as object | null)
      for (const name of Object.getOwnPropertyNames(at)) names.add(name);
  }
  return names;
}

/**
 * The property names that JSON values inherit (tested against the sandbox's engine). A lookup
 * of one of these on a value that lacks it as an own property is not native.
 */
export const INHERITED_NAMES = {
  object: prototypeNames(Object.prototype),
  array: prototypeNames(Array.prototype),
  string: prototypeNames(String.prototype),
  number: prototypeNames(Number.prototype),
  boolean: prototypeNames(Boolean.prototype),
} as const;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArrayIndex(key: string | number): number | undefined {
  const index = typeof key === 'number' ? key : Number(key);
  if (!Number.isInteger(index) || index < 0 || index >= 2 ** 32 - 1) return undefined;
  return typeof key === 'number' || String(index) === key ? index : undefined;
}

function propertyKey(key: unknown): string | number {
  if (typeof key === 'string' || typeof key === 'number') return key;
  if (typeof key === 'boolean' || key === null || key === undefined) return String(key);
  throw new NotNative('a lookup key that is not a string or a number');
}

/** `value[key]` in plain JavaScript, for JSON values: null and undefined throw in the sandbox. */
export function propertyOf(value: unknown, rawKey: unknown): unknown {
  const key = propertyKey(rawKey);
  if (typeof value === 'string') {
    if (key === 'length') return value.length;
    const index = isArrayIndex(key);
    if (index !== undefined) return index < value.length ? value.charAt(index) : undefined;
    if (INHERITED_NAMES.string.has(String(key))) throw new NotNative(`"${key}" of a string`);
    return undefined;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    const inherited = typeof value === 'number' ? INHERITED_NAMES.number : INHERITED_NAMES.boolean;
    if (inherited.has(String(key))) throw new NotNative(`"${key}" of a ${typeof value}`);
    return undefined;
  }
  if (Array.isArray(value)) {
    if (key === 'length') return value.length;
    const index = isArrayIndex(key);
    if (index !== undefined) return value[index];
    if (INHERITED_NAMES.array.has(String(key))) throw new NotNative(`"${key}" of a list`);
    return undefined;
  }
  if (isJsonObject(value)) {
    if (Object.hasOwn(value, key)) return value[key];
    if (INHERITED_NAMES.object.has(String(key))) throw new NotNative(`"${key}" of an object`);
    return undefined;
  }
  throw new NotNative('a property of null or undefined');
}

/** nunjucks' `memberLookup` with the Jinja compatibility layer: `a.b`, `a['b']`, `a[0]`. */
export function memberOf(target: unknown, key: unknown): unknown {
  // The layer checks its method tables against `target || {}`, but reads from `target` itself.
  const checked = target || {};
  const name = String(propertyKey(key));
  if (Array.isArray(checked) && ARRAY_MEMBERS.has(name)) throw new NotNative(`the list method "${name}"`);
  if (isJsonObject(checked) && OBJECT_MEMBERS.has(name)) throw new NotNative(`the dict method "${name}"`);
  if (target === null || target === undefined) return undefined;
  return propertyOf(target, key);
}

/**
 * A name in the template: a variable, else (like nunjucks' context and Jinja layer) a global,
 * `True`, `False` or `None`.
 */
export function variableOf(variables: JsonObject, name: string): unknown {
  if (Object.hasOwn(variables, name)) return variables[name];
  if (INHERITED_NAMES.object.has(name) || GLOBALS.has(name)) throw new NotNative(`the name "${name}"`);
  if (name === 'True') return true;
  if (name === 'False') return false;
  if (name === 'None') return null;
  return undefined;
}

/** JavaScript's `String(value)` (and `'' + value`) over JSON values, as nunjucks prints them. */
export function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined)
    return String(value);
  if (Array.isArray(value))
    return value.map((item) => (item === null || item === undefined ? '' : textOf(item))).join(',');
  if (isJsonObject(value)) {
    // A data property named toString is not callable: the sandbox fails to print the object.
    if (Object.hasOwn(value, 'toString')) throw new NotNative('an object with a "toString" key');
    return '[object Object]';
  }
  throw new NotNative(`a ${typeof value} value`);
}

/** Whether a value is an array or an object (which compare and convert by reference or by method). */
export function isComposite(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/**
 * The variables as the sandbox receives them, through JSON: undefined and functions drop out,
 * non-finite numbers become null, -0 becomes 0 and objects lose everything but their data.
 * Strings, numbers, booleans and null, the usual values, are taken as they are.
 */
export function jsonVariables(variables: Readonly<Record<string, unknown>>): JsonObject {
  // nunjucks copies the variables onto a plain object: `__proto__` would set its prototype.
  if (Object.hasOwn(variables, '__proto__')) throw new NotNative('a variable named __proto__');
  const copy: Record<string, unknown> = {};
  for (const name of Object.keys(variables)) {
    const value = variables[name];
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) copy[name] = value;
    else if (typeof value === 'number') copy[name] = Number.isFinite(value) ? value + 0 : null;
    else if (value !== undefined) {
      const json = JSON.stringify(value);
      if (json !== undefined) copy[name] = JSON.parse(json) as unknown;
    }
  }
  return copy;
}
