import type { Integration } from '@tripline/sdk';
import { HttpError, ValidationError } from '../domain/errors.js';
import { integrationFailure } from '../external/integration-errors.js';
import type { BuilderRecord } from '../store/records.js';
import { editableFields } from './field-patch.js';
import type { IntegrationHooks } from './integration-hooks.js';

/** The choices of a dynamic-select parameter. */
export interface ParameterOptions {
  readonly options: { readonly value: string; readonly label: string }[];
}

/**
 * Asks the external system whether an automatic builder's credentials work. Missing ones are
 * refused before any call, saying what to set (or to authorize first); a refusal answers 400
 * `invalid_credentials` with the external system's words.
 */
export async function verifyCredentials(input: {
  readonly hooks: IntegrationHooks;
  readonly builder: BuilderRecord;
  readonly integration: Integration;
}): Promise<{ readonly ok: true }> {
  const { hooks, builder, integration } = input;
  const credentials = await hooks.credentials.open(builder, integration, 'subscription builder');
  // Integrations without a check take any credentials until the webhook is created.
  if (!integration.validateCredentials) return { ok: true };
  try {
    await integration.validateCredentials({ credentials, context: hooks.context(integration) });
  } catch (error) {
    throw integrationFailure(integration, 'checking the credentials', error);
  }
  return { ok: true };
}

/**
 * Lists the choices of a builder's dynamic-select constructor parameter (e.g. the repositories
 * the credentials can administer). Other parameters are refused, naming the dynamic ones.
 */
export async function listParameterOptions(input: {
  readonly hooks: IntegrationHooks;
  readonly builder: BuilderRecord;
  readonly integration: Integration;
  readonly parameter: string;
}): Promise<ParameterOptions> {
  const { hooks, builder, integration, parameter } = input;
  const definitions = editableFields(integration, builder.method).parameters;
  const dynamic = definitions.filter((definition) => definition.type === 'dynamic-select');
  const definition = definitions.find((candidate) => candidate.name === parameter);
  const choices =
    dynamic.length === 0
      ? 'this builder has no dynamic-select parameters'
      : `dynamic-select parameters: ${dynamic.map((candidate) => candidate.name).join(', ')}`;
  if (!definition) {
    throw new HttpError(404, 'not_found', `parameter "${parameter}" is unknown; ${choices}`);
  }
  if (definition.type !== 'dynamic-select' || !integration.parameterOptions) {
    const fixed = definition.options ? ' whose options are in the integration description' : '';
    throw new ValidationError(
      `parameter "${parameter}" is a ${definition.type} parameter${fixed}; options are listed only for ${choices}`,
    );
  }
  const credentials = await hooks.credentials.open(builder, integration, 'subscription builder');
  try {
    const options = await integration.parameterOptions({
      parameter,
      credentials,
      parameters: hooks.secrets.open(builder.parameters),
      context: hooks.context(integration),
    });
    return { options: options.map((option) => ({ value: option.value, label: option.label })) };
  } catch (error) {
    throw integrationFailure(integration, `listing the options of "${parameter}"`, error);
  }
}
