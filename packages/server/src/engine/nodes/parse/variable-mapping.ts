import type { VariableSelector } from '../../workflow-graph.js';
import type { DataReader } from './data-reader.js';

/** Dify's `{variable, value_selector}`: a local name bound to a variable of an earlier node. */
export interface VariableMapping {
  readonly variable: string;
  readonly value_selector: VariableSelector;
}

/**
 * Reads a list of mappings (template, code and end nodes), refusing a name used twice.
 */
export function readMappings(
  reader: DataReader,
  key: string,
  options: { optional?: boolean } = {},
): VariableMapping[] {
  const seen = new Set<string>();
  return reader.list(
    key,
    (item) => {
      const variable = item.name('variable');
      const valueSelector = item.selector('value_selector');
      if (variable === undefined || valueSelector === undefined) return undefined;
      if (seen.has(variable)) return item.fail('variable', `"${variable}" is declared twice`);
      seen.add(variable);
      return item.keep({ variable, value_selector: valueSelector });
    },
    options,
  );
}

/** The values of mappings, read from the pool; a missing variable reads as null. */
export function readMappedValues(
  mappings: readonly VariableMapping[],
  get: (selector: VariableSelector) => unknown,
): Record<string, unknown> {
  // fromEntries defines own properties, so even a name like `__proto__` stays plain data.
  return Object.fromEntries(
    mappings.map((mapping) => [mapping.variable, get(mapping.value_selector) ?? null]),
  );
}
