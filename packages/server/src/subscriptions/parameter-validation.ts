import type { ParameterDefinition, ParameterValue } from '@tripline/sdk';
import { ValidationError } from '../domain/errors.js';

/** What a PATCH sends for a group of fields: a value sets it, `null` clears it, absent keeps it. */
export type ParameterPatch = Readonly<Record<string, ParameterValue | null | undefined>>;

/**
 * Checks a patch of one group of fields (`parameters`, `properties`, `credentials`) against the
 * integration's definitions: unknown names, value types and fixed choices. Throws one 400 that
 * lists every problem with its path and what is allowed.
 */
export function validatePatch(
  group: string,
  definitions: readonly ParameterDefinition[],
  patch: Readonly<Record<string, unknown>>,
): ParameterPatch {
  const problems: string[] = [];
  const byName = new Map(definitions.map((definition) => [definition.name, definition]));
  for (const [name, value] of Object.entries(patch)) {
    const definition = byName.get(name);
    if (!definition) {
      problems.push(
        definitions.length === 0
          ? `${group}.${name}: this subscription takes no ${group}`
          : `${group}.${name} is unknown; allowed: ${[...byName.keys()].join(', ')}`,
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    const problem = checkValue(definition, value);
    if (problem) problems.push(`${group}.${name} ${problem}`);
  }
  if (problems.length > 0) throw new ValidationError(problems.join('; '));
  return patch as ParameterPatch;
}

/** Names of required fields that have no value, as paths (`properties.webhook_secret`). */
export function missingRequired(
  group: string,
  definitions: readonly ParameterDefinition[],
  values: Readonly<Record<string, unknown>>,
): string[] {
  return definitions
    .filter((definition) => definition.required && isEmpty(values[definition.name]))
    .map((definition) => `${group}.${definition.name}`);
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

function checkValue(definition: ParameterDefinition, value: unknown): string | undefined {
  switch (definition.type) {
    case 'string':
    case 'secret':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a finite number';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'string-list':
      return isStringList(value) ? undefined : 'must be a list of strings';
    case 'select':
      return typeof value === 'string' ? checkChoices(definition, [value]) : 'must be one string';
    case 'multi-select':
      return isStringList(value) ? checkChoices(definition, value) : 'must be a list of strings';
    case 'dynamic-select':
      if (definition.multiple) return isStringList(value) ? undefined : 'must be a list of strings';
      return typeof value === 'string' ? undefined : 'must be one string';
    default: {
      const unknownType: never = definition.type;
      return `has an unsupported type "${String(unknownType)}"`;
    }
  }
}

function isStringList(value: unknown): value is readonly string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function checkChoices(definition: ParameterDefinition, values: readonly string[]): string | undefined {
  const allowed = (definition.options ?? []).map((option) => option.value);
  const wrong = values.filter((value) => !allowed.includes(value));
  if (wrong.length === 0) return undefined;
  return `has ${wrong.map((value) => `"${value}"`).join(', ')}; allowed: ${allowed.join(', ')}`;
}
