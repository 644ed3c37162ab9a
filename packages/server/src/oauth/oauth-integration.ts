import type { Integration, OAuthHooks, OAuthSpec } from '@tripline/sdk';
import { ValidationError } from '../domain/errors.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';

/** An integration that offers the OAuth method, with its declaration and hooks at hand. */
export interface OAuthIntegration {
  readonly integration: Integration;
  readonly spec: OAuthSpec;
  readonly hooks: OAuthHooks;
}

/** The integration if it offers OAuth; 404 when unknown, 400 naming it (and those that do) otherwise. */
export function requireOAuthIntegration(catalog: IntegrationCatalog, id: string): OAuthIntegration {
  const integration = catalog.get(id);
  const found = asOAuthIntegration(integration);
  if (found) return found;
  const offering = catalog
    .list()
    .filter((candidate) => asOAuthIntegration(candidate) !== undefined)
    .map((candidate) => candidate.id);
  throw new ValidationError(
    `integration "${id}" does not offer OAuth; integrations that do: ${offering.length > 0 ? offering.join(', ') : 'none'}`,
  );
}

/** The integration's OAuth parts, or undefined when it declares no OAuth. */
export function asOAuthIntegration(integration: Integration): OAuthIntegration | undefined {
  const spec = integration.subscription.oauth;
  const hooks = integration.oauth;
  return spec && hooks ? { integration, spec, hooks } : undefined;
}
