import type { Integration, ParameterValues } from '@tripline/sdk';
import { missingClientFields } from './oauth-client-fields.js';

/**
 * The instance-wide OAuth client of an integration, from the environment: one variable per client
 * field, `TRIPLINE_OAUTH_<INTEGRATION>_<FIELD>` upper-cased with `-` as `_`, e.g.
 * `TRIPLINE_OAUTH_GITHUB_CLIENT_ID` and `TRIPLINE_OAUTH_GITHUB_CLIENT_SECRET`. Resolved here rather
 * than in config.ts because the field names come from the integration's declaration, and an
 * integration id with `-` would make a blind parse of the variable names ambiguous.
 * Undefined unless every needed field is set (a half-configured client would fail at the provider).
 */
export function systemOAuthClient(
  integration: Integration,
  env: Readonly<Record<string, string | undefined>>,
): ParameterValues | undefined {
  const spec = integration.subscription.oauth;
  if (!spec) return undefined;
  const client: Record<string, string> = {};
  for (const parameter of spec.clientParameters) {
    const value = env[systemClientVariable(integration.id, parameter.name)];
    if (value !== undefined && value !== '') client[parameter.name] = value;
  }
  return missingClientFields(spec, client).length === 0 ? client : undefined;
}

/** The environment variable of one field of an integration's system client. */
export function systemClientVariable(integrationId: string, field: string): string {
  return `TRIPLINE_OAUTH_${envName(integrationId)}_${envName(field)}`;
}

function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}
