import { randomBytes } from 'node:crypto';
import type { Integration, ParameterDefinition, ParameterValues, SubscriptionMethod } from '@tripline/sdk';
import { type ParameterPatch, validatePatch } from './parameter-validation.js';
import { applyPatch, type SecretProperties, secretsChanged } from './secret-properties.js';

/** The user-editable field groups of a subscription and the definitions each takes. */
export interface EditableFields {
  readonly parameters: readonly ParameterDefinition[];
  readonly properties: readonly ParameterDefinition[];
  readonly credentials: readonly ParameterDefinition[];
}

/**
 * Which fields a method lets the user set. Manual subscriptions have only properties (the webhook
 * secret); automatic ones take constructor parameters, and api-key ones credentials, while their
 * properties come from the integration's `subscribe` hook.
 */
export function editableFields(integration: Integration, method: SubscriptionMethod): EditableFields {
  const spec = integration.subscription;
  switch (method) {
    case 'manual':
      return { parameters: [], properties: spec.properties, credentials: [] };
    case 'api-key':
      return { parameters: spec.constructorParameters, properties: [], credentials: spec.credentials };
    case 'oauth':
      return { parameters: spec.constructorParameters, properties: [], credentials: [] };
    default: {
      const unknownMethod: never = method;
      throw new TypeError(`unknown subscription method "${String(unknownMethod)}"`);
    }
  }
}

export interface FieldPatch {
  readonly parameters?: Readonly<Record<string, unknown>>;
  readonly properties?: Readonly<Record<string, unknown>>;
  readonly credentials?: Readonly<Record<string, unknown>>;
}

/** Stored (sealed) field values. */
export interface StoredFields {
  readonly parameters: ParameterValues;
  readonly properties: ParameterValues;
  readonly credentials: string | null;
}

/** A webhook secret for manual subscriptions: 32 random bytes, hex so it pastes anywhere. */
export function randomSecret(): string {
  return randomBytes(32).toString('hex');
}

/**
 * Validates a PATCH of parameters, properties and credentials and applies it to the stored,
 * sealed values, returning what to store and which secrets to show once. A manual subscription
 * whose secret was cleared gets a fresh one from the integration.
 */
export function patchFields(input: {
  readonly integration: Integration;
  readonly method: SubscriptionMethod;
  readonly secrets: SecretProperties;
  readonly stored: StoredFields;
  readonly patch: FieldPatch;
}): { readonly fields: StoredFields; readonly reveal: ReadonlySet<string> } {
  const { integration, method, secrets, stored, patch } = input;
  const fields = editableFields(integration, method);
  const parameterPatch = validated('parameters', fields.parameters, patch.parameters);
  const propertyPatch = validated('properties', fields.properties, patch.properties);
  const credentialPatch = validated('credentials', fields.credentials, patch.credentials);

  const parameters = applyPatch(fields.parameters, secrets.open(stored.parameters), parameterPatch).values;
  const before = secrets.open(stored.properties);
  let properties = applyPatch(fields.properties, before, propertyPatch).values;
  if (method === 'manual' && integration.prepareManualProperties) {
    properties = integration.prepareManualProperties({ properties, randomSecret });
  }
  const credentials = applyPatch(
    fields.credentials,
    secrets.openCredentials(stored.credentials),
    credentialPatch,
  ).values;
  return {
    fields: {
      parameters: secrets.seal(fields.parameters, parameters),
      properties: secrets.seal(fields.properties, properties),
      credentials:
        patch.credentials === undefined ? stored.credentials : secrets.sealCredentials(credentials),
    },
    reveal: secretsChanged(fields.properties, before, properties),
  };
}

function validated(
  group: string,
  definitions: readonly ParameterDefinition[],
  values: Readonly<Record<string, unknown>> | undefined,
): ParameterPatch {
  return values === undefined ? {} : validatePatch(group, definitions, values);
}
