import type { JsonSchema } from './json-schema.js';
import type { ParameterDefinition, ParameterValues } from './parameters.js';

/**
 * One event an integration found in a verified request. `action` is the sub-kind many senders use
 * (GitHub's `opened`, `closed`, ...); it is kept beside the name so logs and filters need no parse.
 */
export interface ParsedEvent<E extends string = string> {
  readonly name: E;
  readonly action?: string;
  readonly payload: unknown;
}

/** What a trigger's filter made of one event. */
export type FilterResult =
  | { readonly matched: true; readonly variables: Readonly<Record<string, unknown>> }
  | { readonly matched: false; readonly reason: string };

export interface FilterInput<E extends string = string> {
  readonly event: ParsedEvent<E>;
  /** The trigger node's filter parameters, as the user set them. */
  readonly parameters: ParameterValues;
}

/**
 * An event an integration exposes: its filter parameters, the JSON Schema of the variables a
 * trigger outputs, and the pure filter that decides whether a trigger fires.
 *
 * @example
 * const ping: EventDefinition<'ping'> = {
 *   name: 'ping', label: 'Ping', description: 'Sent when a webhook is created.',
 *   parameters: [], outputSchema: { type: 'object' },
 * };
 */
export interface EventDefinition<E extends string = string> {
  readonly name: E;
  readonly label: string;
  readonly description: string;
  readonly parameters: readonly ParameterDefinition[];
  readonly outputSchema: JsonSchema;
  /** Omitted: every event matches and its payload's top-level fields are the variables. */
  readonly filter?: (input: FilterInput<E>) => FilterResult;
}

/** The default filter: an object payload becomes the variables as it is. */
export function passThrough(event: ParsedEvent): FilterResult {
  const payload = event.payload;
  if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
    return { matched: true, variables: payload as Record<string, unknown> };
  }
  return { matched: true, variables: { payload } };
}

/** Runs an event's filter, or the default one. */
export function filterEvent<E extends string>(
  definition: EventDefinition<E>,
  input: FilterInput<E>,
): FilterResult {
  return definition.filter ? definition.filter(input) : passThrough(input.event);
}
