import {
  arrayElementType,
  fitsScalarType,
  type ScalarValueType,
  VALUE_TYPE_NAMES,
} from '../../variables/value-types.js';
import { isRecord } from '../parse/data-reader.js';
import type { CodeOutput } from './code-data.js';

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

/** Code outputs may be null in any place: a value that is not there. */
function fitsScalar(type: ScalarValueType, value: unknown): boolean {
  return value === null || fitsScalarType(type, value);
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
  const element = arrayElementType(declared.type);
  const fits =
    element === undefined
      ? fitsScalar(declared.type as ScalarValueType, value)
      : Array.isArray(value) && value.every((item) => fitsScalar(element, item));
  if (!fits) return `output "${path}" must be ${VALUE_TYPE_NAMES[declared.type]} (got ${kindOf(value)})`;
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
