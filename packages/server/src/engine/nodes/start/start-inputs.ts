import { isRecord } from '../parse/data-reader.js';
import type { StartVariable } from './start-data.js';

export type InputCheck =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: string };

/** Dify treats an empty text like a missing one. */
function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * Checks one manual input against its declaration and converts what a form sends as text
 * (`"42"` for a number, `"true"` for a checkbox). Missing optional inputs become their default or null.
 */
export function checkStartInput(declared: StartVariable, given: unknown): InputCheck {
  const name = `input "${declared.variable}" (${declared.label})`;
  if (isMissing(given)) {
    if (declared.default !== undefined && declared.default !== null)
      return checkStartInput({ ...declared, default: undefined }, declared.default);
    if (declared.required) return { ok: false, problem: `${name} is required` };
    return { ok: true, value: null };
  }
  switch (declared.type) {
    case 'text-input':
    case 'paragraph': {
      if (typeof given !== 'string') return { ok: false, problem: `${name} must be text` };
      if (declared.max_length !== undefined && given.length > declared.max_length) {
        return {
          ok: false,
          problem: `${name} must be at most ${declared.max_length} characters long (got ${given.length})`,
        };
      }
      return { ok: true, value: given };
    }
    case 'select': {
      if (typeof given !== 'string' || !declared.options.includes(given)) {
        return {
          ok: false,
          problem: `${name} must be one of ${declared.options.join(', ')} (got ${JSON.stringify(given)})`,
        };
      }
      return { ok: true, value: given };
    }
    case 'number': {
      const number = typeof given === 'string' && given.trim() !== '' ? Number(given) : given;
      if (typeof number !== 'number' || !Number.isFinite(number)) {
        return { ok: false, problem: `${name} must be a number (got ${JSON.stringify(given)})` };
      }
      return { ok: true, value: number };
    }
    case 'checkbox': {
      if (given === true || given === 'true') return { ok: true, value: true };
      if (given === false || given === 'false') return { ok: true, value: false };
      return { ok: false, problem: `${name} must be true or false (got ${JSON.stringify(given)})` };
    }
    case 'json_object':
      return checkJsonObject(name, given);
    default: {
      const exhaustive: never = declared.type;
      return { ok: false, problem: `${name} has an unknown type ${String(exhaustive)}` };
    }
  }
}

function checkJsonObject(name: string, given: unknown): InputCheck {
  let value = given;
  if (typeof given === 'string') {
    try {
      value = JSON.parse(given);
    } catch {
      return { ok: false, problem: `${name} must be a JSON object (the text is not valid JSON)` };
    }
  }
  if (!isRecord(value)) return { ok: false, problem: `${name} must be a JSON object` };
  return { ok: true, value };
}
