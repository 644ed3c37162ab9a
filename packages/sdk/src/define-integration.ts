import type { Integration, IntegrationDefinition } from './integration.js';

const ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;
const EVENT_PATTERN = /^[a-z][a-z0-9_.-]{0,99}$/;

/**
 * Declares an integration and checks the declaration once, at load time, so a mistake is an
 * error that names it rather than a surprise in production.
 *
 * @example
 * export const echo = defineIntegration({
 *   id: 'echo', name: 'Echo', description: 'Accepts anything.', icon: 'data:image/svg+xml,<svg/>',
 *   subscription: { methods: ['manual'] },
 *   events: [{ name: 'message', label: 'Message', description: 'Any request.', parameters: [], outputSchema: {} }],
 *   verify: () => ({ ok: true }),
 *   parse: (request) => ({ ok: true, events: [{ name: 'message', payload: {} }], response: { status: 200 } }),
 * });
 */
export function defineIntegration<const E extends string>(
  definition: IntegrationDefinition<E>,
): Integration<E> {
  const problems: string[] = [];
  if (!ID_PATTERN.test(definition.id)) {
    problems.push(`id "${definition.id}" must match ${ID_PATTERN}`);
  }
  const events = new Map<E, (typeof definition.events)[number]>();
  for (const [index, event] of definition.events.entries()) {
    if (!EVENT_PATTERN.test(event.name))
      problems.push(`events[${index}]: name "${event.name}" must match ${EVENT_PATTERN}`);
    if (events.has(event.name)) problems.push(`events[${index}]: name "${event.name}" is declared twice`);
    events.set(event.name, event);
    problems.push(...duplicateNames(`events[${index}] (${event.name}).parameters`, event.parameters));
  }
  if (definition.subscription.methods.length === 0)
    problems.push('subscription.methods must name at least one method');
  const spec = {
    methods: definition.subscription.methods,
    properties: definition.subscription.properties ?? [],
    constructorParameters: definition.subscription.constructorParameters ?? [],
    credentials: definition.subscription.credentials ?? [],
    ...(definition.subscription.oauth ? { oauth: definition.subscription.oauth } : {}),
  };
  problems.push(...duplicateNames('subscription.properties', spec.properties));
  problems.push(...duplicateNames('subscription.constructorParameters', spec.constructorParameters));
  const automatic = spec.methods.filter((method) => method !== 'manual');
  if (automatic.length > 0 && (!definition.subscribe || !definition.unsubscribe)) {
    problems.push(`methods ${automatic.join(', ')} need the subscribe and unsubscribe hooks`);
  }
  if (spec.methods.includes('oauth') && (!spec.oauth || !definition.oauth)) {
    problems.push('method oauth needs subscription.oauth and the oauth hooks');
  }
  if (problems.length > 0) {
    throw new TypeError(`integration "${definition.id}" is invalid:\n- ${problems.join('\n- ')}`);
  }
  return { ...definition, settings: definition.settings ?? [], subscription: spec, events };
}

function duplicateNames(path: string, parameters: readonly { name: string }[]): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  for (const [index, parameter] of parameters.entries()) {
    if (seen.has(parameter.name))
      problems.push(`${path}[${index}]: name "${parameter.name}" is declared twice`);
    seen.add(parameter.name);
  }
  return problems;
}
