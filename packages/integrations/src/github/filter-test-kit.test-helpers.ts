import { type FilterResult, filterEvent, type ParameterValues } from '@tripline/sdk';
import { github } from './github-integration.js';

/** Runs the github integration's filter of `event` on a payload, as the dispatcher would. */
export function runFilter(
  event: string,
  payload: Record<string, unknown>,
  parameters: ParameterValues,
): FilterResult {
  const definition = github.events.get(event as never);
  if (!definition) throw new Error(`github has no event ${event}`);
  const action = typeof payload.action === 'string' ? payload.action : undefined;
  return filterEvent(definition, {
    event: { name: definition.name, ...(action === undefined ? {} : { action }), payload },
    parameters,
  });
}

/** The reason a filter refused, or "matched". */
export function outcome(result: FilterResult): string {
  return result.matched ? 'matched' : result.reason;
}
