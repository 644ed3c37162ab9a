import { EVENT_NAME_PATTERN, INTEGRATION_ID_PATTERN } from '../define-integration.js';
import type { Integration } from '../integration.js';
import { parameterProblems } from '../parameter-problems.js';

/**
 * Problems with an integration's id, name, description and icon; empty when there are none.
 *
 * @example
 * expect(checkIntegrationIdentity(github)).toEqual([]);
 */
export function checkIntegrationIdentity(integration: Integration): string[] {
  const problems: string[] = [];
  if (typeof integration.id !== 'string' || !INTEGRATION_ID_PATTERN.test(integration.id))
    problems.push(`id "${integration.id}" must match ${INTEGRATION_ID_PATTERN}`);
  if (isBlank(integration.name)) problems.push('name is empty');
  if (isBlank(integration.description)) problems.push('description is empty');
  if (typeof integration.icon !== 'string' || !/^(data:image\/|https?:\/\/)/.test(integration.icon))
    problems.push('icon must be a data:image/ URI or an absolute http(s) URL');
  return problems;
}

/**
 * Problems with the declared events: names valid, unique and matching their map key; a label and
 * a description each; an output schema that describes a JSON object.
 *
 * @example
 * expect(checkEventDeclarations(github)).toEqual([]);
 */
export function checkEventDeclarations(integration: Integration): string[] {
  const problems: string[] = [];
  if (integration.events.size === 0) problems.push('events: declares no events');
  const names = new Set<string>();
  for (const [key, event] of integration.events) {
    const at = `events.${key}`;
    if (event.name !== key) problems.push(`${at}: name "${event.name}" differs from its key "${key}"`);
    if (typeof event.name !== 'string' || !EVENT_NAME_PATTERN.test(event.name))
      problems.push(`${at}: name "${event.name}" must match ${EVENT_NAME_PATTERN}`);
    if (names.has(event.name)) problems.push(`${at}: name "${event.name}" is declared twice`);
    names.add(event.name);
    if (isBlank(event.label)) problems.push(`${at}: label is empty`);
    if (isBlank(event.description)) problems.push(`${at}: description is empty`);
    problems.push(...objectSchemaProblems(`${at}.outputSchema`, event.outputSchema));
    if (event.filter !== undefined && typeof event.filter !== 'function')
      problems.push(`${at}: filter must be a function when present`);
  }
  return problems;
}

/**
 * Problems with every parameter list the integration declares (event filters, subscription
 * properties, constructor parameters, credentials, OAuth client fields).
 *
 * @example
 * expect(checkParameterDeclarations(github)).toEqual([]);
 */
export function checkParameterDeclarations(integration: Integration): string[] {
  const problems: string[] = [];
  for (const [key, event] of integration.events) {
    problems.push(...parameterProblems(`events.${key}.parameters`, event.parameters));
  }
  const spec = integration.subscription;
  problems.push(...parameterProblems('subscription.properties', spec.properties));
  problems.push(...parameterProblems('subscription.constructorParameters', spec.constructorParameters));
  problems.push(...parameterProblems('subscription.credentials', spec.credentials));
  if (spec.oauth)
    problems.push(...parameterProblems('subscription.oauth.clientParameters', spec.oauth.clientParameters));
  return problems;
}

function objectSchemaProblems(at: string, schema: unknown): string[] {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema))
    return [`${at} must be a JSON Schema object`];
  const { type, properties } = schema as { type?: unknown; properties?: unknown };
  const problems: string[] = [];
  if (type !== 'object') problems.push(`${at}.type must be "object", got ${JSON.stringify(type)}`);
  if (
    properties !== undefined &&
    (properties === null || typeof properties !== 'object' || Array.isArray(properties))
  )
    problems.push(`${at}.properties must map names to schemas`);
  return problems;
}

function isBlank(value: unknown): boolean {
  return typeof value !== 'string' || value.trim().length === 0;
}
