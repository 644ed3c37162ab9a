import { isRecord } from '../parse/data-reader.js';
import type { CodeOutput, CodeOutputType } from './code-data.js';

export type OutputCheck =
  | { readonly ok: true; readonly outputs: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly error: string };

export interface OutputLimits {
  /** Longest string anywhere in the outputs. */
  readonly maxStringLength: number;
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return isRecord(value) ? 'an object' : `a ${typeof value}`;
}

const EXPECTED: Readonly<Record<CodeOutputType, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  'array[string]': 'a list of strings',
  'array[number]': 'a list of numbers',
  'array[boolean]': 'a list of true/false values',
  'array[object]': 'a list of objects',
};

function fitsScalar(type: 'string' | 'number' | 'boolean' | 'object', value: unknown): boolean {
  if (value === null) return true;
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (type === 'object') return isRecord(value);
  return typeof value === type;
}

function tooLongString(value: unknown, limits: OutputLimits): boolean {
  if (typeof value === 'string') return value.length > limits.maxStringLength;
  if (Array.isArray(value)) return value.some((item) => tooLongString(item, limits));
  if (isRecord(value)) return Object.values(value).some((item) => tooLongString(item, limits));
  return false;
}

function checkValue(
  path: string,
  declared: CodeOutput,
  value: unknown,
  limits: OutputLimits,
): string | undefined {
  if (value === null) return undefined;
  const element = /^array\[(\w+)\]$/.exec(declared.type)?.[1] as
    | 'string'
    | 'number'
    | 'boolean'
    | 'object'
    | undefined;
  const fits =
    element === undefined
      ? fitsScalar(declared.type as 'string' | 'number' | 'boolean' | 'object', value)
      : Array.isArray(value) && value.every((item) => fitsScalar(element, item));
  if (!fits) return `output "${path}" must be ${EXPECTED[declared.type]} (got ${kindOf(value)})`;
  if (tooLongString(value, limits))
    return `output "${path}" holds a string longer than ${limits.maxStringLength} characters`;
  if (declared.children !== undefined && isRecord(value))
    return checkFields(`${path}.`, declared.children, value, limits);
  return undefined;
}

function checkFields(
  prefix: string,
  declared: Readonly<Record<string, CodeOutput>>,
  values: Readonly<Record<string, unknown>>,
  limits: OutputLimits,
): string | undefined {
  for (const [name, output] of Object.entries(declared)) {
    if (!Object.hasOwn(values, name)) return `output "${prefix}${name}" is missing from what main returned`;
    const problem = checkValue(`${prefix}${name}`, output, values[name], limits);
    if (problem !== undefined) return problem;
  }
  const extra = Object.keys(values).find((name) => !Object.hasOwn(declared, name));
  if (extra !== undefined) {
    const names = Object.keys(declared);
    return `main returned "${prefix}${extra}", which is not a declared output (declared: ${names.length > 0 ? names.join(', ') : 'none'})`;
  }
  return undefined;
}

/**
 * Checks what `main` returned against the declared outputs, as Dify does: every declared output
 * present with its type (null allowed), nothing undeclared.
 */
export function checkOutputs(
  declared: Readonly<Record<string, CodeOutput>>,
  result: unknown,
  limits: OutputLimits,
): OutputCheck {
  if (!isRecord(result))
    return { ok: false, error: `main must return an object of outputs (got ${kindOf(result)})` };
  const problem = checkFields('', declared, result, limits);
  return problem === undefined ? { ok: true, outputs: result } : { ok: false, error: problem };
}
