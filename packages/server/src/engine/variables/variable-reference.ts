import type { VariableSelector } from '../workflow-graph.js';

/**
 * One segment of a reference: Dify writes node ids as digits and names as identifiers; Tripline
 * also allows hyphens (node ids like `http-1`) and digit-only segments (array indexes).
 */
const SEGMENT = '[A-Za-z0-9_][A-Za-z0-9_-]{0,63}';
const REFERENCE_SOURCE = `\\{\\{#(${SEGMENT}(?:\\.${SEGMENT}){1,15})#\\}\\}`;

/** A fresh regular expression each time: global expressions carry `lastIndex` between calls. */
function referencePattern(): RegExp {
  return new RegExp(REFERENCE_SOURCE, 'g');
}

/**
 * The selectors of every `{{#nodeId.name.path#}}` reference in a text, in order of appearance.
 *
 * @example
 * parseReferences('Hi {{#start.name#}}') // [['start', 'name']]
 */
export function parseReferences(text: string): VariableSelector[] {
  return Array.from(text.matchAll(referencePattern()), (match) => (match[1] ?? '').split('.'));
}

/** Replaces each reference in a text by what `replace` returns for its selector. */
export function replaceReferences(text: string, replace: (selector: VariableSelector) => string): string {
  return text.replace(referencePattern(), (_whole, path: string) => replace(path.split('.')));
}

/** The reference that reads a selector, e.g. `{{#start.name#}}`. */
export function formatReference(selector: VariableSelector): string {
  return `{{#${selector.join('.')}#}}`;
}

/**
 * A variable as text inside a larger text: strings as they are, nothing for null, JSON for
 * objects and arrays (as Dify renders them).
 */
export function valueToText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? '';
}
