import type {
  FilterInput,
  FilterResult,
  ParameterDefinition,
  ParameterValue,
  ParameterValues,
} from '@tripline/sdk';
import { isPayload, type Payload } from './payload.js';

/**
 * One filter parameter and the check it drives. A trigger's filter is the list of its event's
 * rules: every rule whose parameter the user filled in must pass; an empty parameter means "all".
 */
export interface FilterRule {
  readonly parameter: ParameterDefinition;
  /**
   * Why the payload does not match `value`, in words a user understands, or undefined when it
   * does. Called only when the parameter has a value; `parameters` holds the others, for rules
   * that depend on each other (a push's branches and tags).
   */
  check(payload: Payload, value: ParameterValue, parameters: ParameterValues): string | undefined;
}

/** Builds an event's filter: the first failing rule names the reason, else the payload's top-level fields are the variables. */
export function composeFilter(rules: readonly FilterRule[]): (input: FilterInput) => FilterResult {
  return ({ event, parameters }) => {
    const payload = event.payload;
    if (!isPayload(payload)) return { matched: false, reason: 'payload is not a JSON object' };
    for (const rule of rules) {
      const value = parameters[rule.parameter.name];
      if (value === undefined || isEmptyValue(value)) continue;
      const reason = rule.check(payload, value, parameters);
      if (reason !== undefined) return { matched: false, reason };
    }
    return { matched: true, variables: payload };
  };
}

export function isEmptyValue(value: ParameterValue | undefined): boolean {
  if (value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return listValue(value).length === 0;
  return false;
}

/**
 * A list parameter's entries. A plain string is split on commas and new lines, so a value typed
 * into a text field works as well as one from a list editor.
 */
export function listValue(value: ParameterValue | undefined): string[] {
  if (value === undefined) return [];
  const items =
    typeof value === 'string' ? value.split(/[,\n]/) : Array.isArray(value) ? value : [String(value)];
  return items.map((item) => item.trim()).filter((item) => item !== '');
}

/** Joins a list for a reason: `a, b, c`. */
export function listText(items: readonly string[]): string {
  return items.join(', ');
}
