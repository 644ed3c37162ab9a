import { type Integration, type IntegrationDefinition, SUBSCRIPTION_METHODS } from './integration.js';
import { parameterProblems } from './parameter-problems.js';

/**
 * What an integration id must look like: it appears in URLs and API paths.
 *
 * @example
 * INTEGRATION_ID_PATTERN.test('github'); // true
 */
export const INTEGRATION_ID_PATTERN = /^[a-z][a-z0-9-]{1,39}$/;

/**
 * What an event name must look like: GitHub's `pull_request`, Stripe's `payment_intent.succeeded`.
 *
 * @example
 * EVENT_NAME_PATTERN.test('pull_request'); // true
 */
export const EVENT_NAME_PATTERN = /^[a-z][a-z0-9_.-]{0,99}$/;

/**
 * Declares an integration and checks the declaration once, at load time, so a mistake is an
 * error that names it rather than a surprise in production. Throws a TypeError listing every
 * problem found.
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
  if (typeof definition.id !== 'string' || !INTEGRATION_ID_PATTERN.test(definition.id)) {
    problems.push(`id "${definition.id}" must match ${INTEGRATION_ID_PATTERN}`);
  }
  const events = new Map<E, (typeof definition.events)[number]>();
  for (const [index, event] of definition.events.entries()) {
    if (!EVENT_NAME_PATTERN.test(event.name))
      problems.push(`events[${index}]: name "${event.name}" must match ${EVENT_NAME_PATTERN}`);
    if (events.has(event.name)) problems.push(`events[${index}]: name "${event.name}" is declared twice`);
    events.set(event.name, event);
    problems.push(...parameterProblems(`events[${index}] (${event.name}).parameters`, event.parameters));
  }
  const spec = {
    methods: definition.subscription.methods,
    properties: definition.subscription.properties ?? [],
    constructorParameters: definition.subscription.constructorParameters ?? [],
    credentials: definition.subscription.credentials ?? [],
    ...(definition.subscription.oauth ? { oauth: definition.subscription.oauth } : {}),
  };
  problems.push(...methodProblems(definition));
  problems.push(...parameterProblems('subscription.properties', spec.properties));
  problems.push(...parameterProblems('subscription.constructorParameters', spec.constructorParameters));
  problems.push(...parameterProblems('subscription.credentials', spec.credentials));
  if (spec.oauth)
    problems.push(...parameterProblems('subscription.oauth.clientParameters', spec.oauth.clientParameters));
  if (problems.length > 0) {
    throw new TypeError(`integration "${definition.id}" is invalid:\n- ${problems.join('\n- ')}`);
  }
  return { ...definition, settings: definition.settings ?? [], subscription: spec, events };
}

function methodProblems<E extends string>(definition: IntegrationDefinition<E>): string[] {
  const { methods, oauth } = definition.subscription;
  const problems: string[] = [];
  if (methods.length === 0) problems.push('subscription.methods must name at least one method');
  for (const [index, method] of methods.entries()) {
    if (!SUBSCRIPTION_METHODS.includes(method))
      problems.push(
        `subscription.methods[${index}]: "${method}" is not one of ${SUBSCRIPTION_METHODS.join(', ')}`,
      );
    else if (methods.indexOf(method) !== index)
      problems.push(`subscription.methods[${index}]: "${method}" is listed twice`);
  }
  const automatic = methods.filter((method) => method !== 'manual');
  const missingHooks = (['subscribe', 'unsubscribe'] as const).filter((hook) => !definition[hook]);
  if (automatic.length > 0 && missingHooks.length > 0) {
    problems.push(
      `subscription.methods ${automatic.join(', ')} create webhooks automatically and need the ` +
        `${missingHooks.join(' and ')} hook${missingHooks.length > 1 ? 's' : ''}`,
    );
  }
  if (methods.includes('oauth')) {
    if (!oauth)
      problems.push('subscription.methods oauth needs subscription.oauth (scopes, pkce, clientParameters)');
    if (!definition.oauth) problems.push('subscription.methods oauth needs the oauth hooks');
  }
  return problems;
}
