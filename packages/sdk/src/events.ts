import type { JsonSchema } from './json-schema.js';
import type { ParameterDefinition, ParameterValues } from './parameters.js';

/**
 * One event an integration found in a verified request. `action` is the sub-kind many senders use
 * (GitHub's `opened`, `closed`, ...); it is kept beside the name so logs and filters need no parse.
 *
 * @example
 * const event: ParsedEvent<'pull_request'> = { name: 'pull_request', action: 'opened', payload };
 */
export interface ParsedEvent<E extends string = string> {
  readonly name: E;
  readonly action?: string;
  readonly payload: unknown;
}

/**
 * What a trigger's filter made of one event: the variables the trigger outputs, or why it doesn't
 * fire.
 *
 * @example
 * const skipped: FilterResult = { matched: false, reason: 'action closed is not selected' };
 */
export type FilterResult =
  | { readonly matched: true; readonly variables: Readonly<Record<string, unknown>> }
  | { readonly matched: false; readonly reason: string };

/**
 * What a filter receives: the event and the trigger node's parameters.
 *
 * @example
 * const input: FilterInput<'issues'> = { event: { name: 'issues', action: 'opened', payload }, parameters: { actions: ['opened'] } };
 */
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
  /**
   * Omitted: every event matches and its payload's top-level fields are the variables. Declared as a
   * method so an integration with typed event names still fits in a list of `Integration`.
   */
  filter?(input: FilterInput<E>): FilterResult;
}

/**
 * The default filter: an object payload becomes the variables as it is; anything else is wrapped
 * as `{ payload }`.
 *
 * @example
 * passThrough({ name: 'push', payload: { ref: 'refs/heads/main' } });
 * // { matched: true, variables: { ref: 'refs/heads/main' } }
 */
export function passThrough(event: ParsedEvent): FilterResult {
  const payload = event.payload;
  if (payload !== null && typeof payload === 'object' && !Array.isArray(payload)) {
    return { matched: true, variables: payload as Record<string, unknown> };
  }
  return { matched: true, variables: { payload } };
}

/**
 * Runs an event's filter, or {@link passThrough} when it declares none.
 *
 * @example
 * const result = filterEvent(integration.events.get('issues')!, { event, parameters: { actions: ['opened'] } });
 * if (result.matched) startRun(result.variables);
 */
export function filterEvent<E extends string>(
  definition: EventDefinition<E>,
  input: FilterInput<E>,
): FilterResult {
  return definition.filter ? definition.filter(input) : passThrough(input.event);
}
