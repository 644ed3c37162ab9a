import type { Integration } from '../integration.js';

/** A hook's value, or what it threw as text: the suite reports throws instead of crashing. */
export type Attempt<T> =
  | { readonly threw: false; readonly value: T }
  | { readonly threw: true; readonly error: string };

/** Runs a hook the suite does not trust to return normally. */
export function attempt<T>(hook: () => T): Attempt<T> {
  try {
    return { threw: false, value: hook() };
  } catch (error) {
    const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { threw: true, error: oneLine(text) };
  }
}

// Messages about garbage bodies quote the garbage: keep each problem on one readable line.
function oneLine(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is replaced
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

/** Why a value is not a VerifyResult, or undefined when it is one. */
export function verifyResultProblem(result: unknown): string | undefined {
  if (!isRecord(result)) return `returned ${describe(result)} instead of { ok, reason? }`;
  if (result.ok === true) return undefined;
  if (result.ok !== false) return `returned ok: ${describe(result.ok)} instead of true or false`;
  if (typeof result.reason !== 'string' || result.reason.trim().length === 0)
    return 'refused without a reason';
  return undefined;
}

/** Why a value is not a ParseResult of this integration (events it declares, a real status). */
export function parseResultProblems(integration: Integration, result: unknown): string[] {
  if (!isRecord(result)) return [`returned ${describe(result)} instead of a ParseResult`];
  if (result.ok === false) {
    const problems: string[] = [];
    if (result.status !== 400 && result.status !== 415)
      problems.push(`ok: false with status ${describe(result.status)}, not 400 or 415`);
    if (typeof result.reason !== 'string' || result.reason.trim().length === 0)
      problems.push('ok: false without a reason');
    return problems;
  }
  if (result.ok !== true) return [`returned ok: ${describe(result.ok)} instead of true or false`];
  const problems: string[] = [];
  if (!Array.isArray(result.events)) problems.push('ok: true without an events list');
  for (const [index, event] of (Array.isArray(result.events) ? result.events : []).entries()) {
    const name: unknown = isRecord(event) ? event.name : undefined;
    if (typeof name !== 'string' || !integration.events.has(name))
      problems.push(`events[${index}]: name ${describe(name)} is not a declared event`);
  }
  const status: unknown = isRecord(result.response) ? result.response.status : undefined;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599)
    problems.push(`response.status ${describe(status)} is not an HTTP status`);
  if (result.deliveryId !== undefined && typeof result.deliveryId !== 'string')
    problems.push(`deliveryId ${describe(result.deliveryId)} is not a string`);
  return problems;
}

/** Why a value is not a FilterResult, or undefined when it is one. */
export function filterResultProblem(result: unknown): string | undefined {
  if (!isRecord(result)) return `returned ${describe(result)} instead of a FilterResult`;
  if (result.matched === true)
    return isRecord(result.variables) ? undefined : 'matched without a variables object';
  if (result.matched === false)
    return typeof result.reason === 'string' && result.reason.length > 0
      ? undefined
      : 'not matched without a reason';
  return `returned matched: ${describe(result.matched)} instead of true or false`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function describe(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    // Circular structures and bigints: the type is description enough.
  }
  text ??= typeof value;
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
