import { ValidationError } from '../domain/errors.js';
import type { BuilderRecord, Principal } from '../store/records.js';
import { buildAutomatic } from './automatic-build.js';
import { editableFields } from './field-patch.js';
import type { IntegrationHooks } from './integration-hooks.js';
import { buildManual } from './manual-build.js';
import { missingRequired } from './parameter-validation.js';
import type { SubscriptionServicesOptions } from './subscription-services-options.js';
import { type SubscriptionView, toSubscriptionView } from './subscription-view.js';

/**
 * Turns a live builder into a subscription with the same id and endpoint: refuses missing required
 * fields in one 400, then builds by method (an automatic one creates the external webhook first).
 */
export async function buildSubscription(input: {
  readonly options: SubscriptionServicesOptions;
  readonly hooks: IntegrationHooks;
  readonly principal: Principal;
  readonly builder: BuilderRecord;
}): Promise<SubscriptionView> {
  const { options, hooks, principal, builder } = input;
  const integration = options.catalog.get(builder.integration);
  const fields = editableFields(integration, builder.method);
  const missing = [
    ...missingRequired('parameters', fields.parameters, builder.parameters),
    ...missingRequired('properties', fields.properties, builder.properties),
    ...missingRequired('credentials', fields.credentials, hooks.secrets.openCredentials(builder.credentials)),
  ];
  if (missing.length > 0) {
    throw new ValidationError(
      `subscription builder "${builder.id}" is missing required fields: ${missing.join(', ')}`,
    );
  }
  const subscription =
    builder.method === 'manual'
      ? await buildManual({ options, principal, builder, integration })
      : await buildAutomatic({ options, hooks, principal, builder, integration });
  options.events.emit('endpoint.changed', { endpointId: builder.id });
  options.logger.info(
    {
      subscriptionId: builder.id,
      integration: integration.id,
      workspaceId: principal.workspaceId,
      method: builder.method,
    },
    'subscription built',
  );
  return toSubscriptionView({
    record: subscription,
    integration,
    secrets: hooks.secrets,
    triggerUrl: options.config.triggerUrl,
    workflowsInUse: 0,
    credential: await hooks.credentials.saved(subscription),
  });
}
