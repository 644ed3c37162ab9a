import { isRecord } from '../nodes/parse/data-reader.js';

/**
 * Dify's variable value types, as code node outputs and webhook fields declare them; webhook
 * fields add `file` (see trigger-webhook/webhook-data.ts).
 */
export const VALUE_TYPES = [
  'string',
  'number',
  'boolean',
  'object',
  'array[string]',
  'array[number]',
  'array[boolean]',
  'array[object]',
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export type ScalarValueType = 'string' | 'number' | 'boolean' | 'object';

/** How a message names what a value of each type must be: `output "x" must be a list of numbers`. */
export const VALUE_TYPE_NAMES: Readonly<Record<ValueType, string>> = {
  string: 'a string',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  'array[string]': 'a list of strings',
  'array[number]': 'a list of numbers',
  'array[boolean]': 'a list of true/false values',
  'array[object]': 'a list of objects',
};

/** The element type of `array[...]`, or undefined for a scalar type. */
export function arrayElementType(type: string): ScalarValueType | undefined {
  const match = /^array\[(string|number|boolean|object)\]$/.exec(type);
  return match === null ? undefined : (match[1] as ScalarValueType);
}

/** Whether a value (not null) is of a scalar type; numbers must be finite. */
export function fitsScalarType(type: ScalarValueType, value: unknown): boolean {
  switch (type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return isRecord(value);
    case 'string':
    case 'boolean':
      return typeof value === type;
    default: {
      const unknownType: never = type;
      throw new TypeError(`unknown value type "${String(unknownType)}"`);
    }
  }
}
