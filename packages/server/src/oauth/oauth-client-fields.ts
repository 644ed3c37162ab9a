import type { OAuthSpec, ParameterDefinition, ParameterValues } from '@tripline/sdk';

/**
 * The client fields an OAuth client must have. A provider app is unusable without any of its
 * fields (id and secret), and integrations declare them without `required` (the SDK's own
 * example does), so every client parameter counts as needed unless it says `required: false`.
 */
export function neededClientFields(spec: OAuthSpec): readonly ParameterDefinition[] {
  return spec.clientParameters.filter((parameter) => parameter.required !== false);
}

/** Names of needed client fields without a value, e.g. `['client_secret']`. */
export function missingClientFields(spec: OAuthSpec, client: ParameterValues): string[] {
  return neededClientFields(spec)
    .filter((parameter) => isEmpty(client[parameter.name]))
    .map((parameter) => parameter.name);
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
  );
}
