import type { ExistingSubscriptionInput, Integration, ParameterValues, SubscribeResult } from '@tripline/sdk';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { assertReachableCallbacks } from '../external/callback-url-guard.js';
import { integrationFailure } from '../external/integration-errors.js';
import type { SubscriptionRecord } from '../store/records.js';
import { editableFields, type StoredFields } from './field-patch.js';
import type { IntegrationHooks } from './integration-hooks.js';
import { missingRequired } from './parameter-validation.js';
import { sameExternalWebhook } from './same-external-webhook.js';
import type { SubscriptionServicesOptions } from './subscription-services-options.js';

/**
 * Applies new parameters or credentials to an automatic subscription by rebuilding its external
 * webhook at the same endpoint URL: `subscribe` with the new values (the integration adopts the
 * webhook that already points at the URL, or creates one), store, then remove the old webhook if it
 * is another one (e.g. the repository changed). Until the store has the new state nothing local
 * changes; a failed removal of the old webhook is reported in `statusReason`, not undone.
 */
export async function rebuildAutomatic(input: {
  readonly options: SubscriptionServicesOptions;
  readonly hooks: IntegrationHooks;
  readonly record: SubscriptionRecord;
  readonly integration: Integration;
  readonly name: string;
  /** The patched parameters and credentials, sealed. */
  readonly fields: StoredFields;
}): Promise<SubscriptionRecord> {
  const { options, hooks, record, integration, fields } = input;
  const { store, clock, logger } = options;
  const where = { subscriptionId: record.id, integration: integration.id, workspaceId: record.workspaceId };
  assertReachableCallbacks(options.config);
  const parameters = hooks.secrets.open(fields.parameters);
  const credentials =
    record.method === 'api-key'
      ? hooks.secrets.openCredentials(fields.credentials)
      : await hooks.credentials.open(record, integration, 'subscription');
  const editable = editableFields(integration, record.method);
  const missing = [
    ...missingRequired('parameters', editable.parameters, parameters),
    ...missingRequired('credentials', editable.credentials, credentials),
  ];
  if (missing.length > 0) {
    throw new ValidationError(
      `subscription "${record.id}" would miss required fields: ${missing.join(', ')}; give them a value instead of null (nothing was changed)`,
    );
  }
  // The old webhook is removed with the credentials it was made with (oauth ones are shared, the same).
  const old: ExistingSubscriptionInput = {
    ...hooksInput(hooks, record, integration, hooks.secrets.open(record.parameters), credentials),
    ...(record.method === 'api-key'
      ? { credentials: hooks.secrets.openCredentials(record.credentials) }
      : {}),
    properties: hooks.secrets.open(record.properties),
  };

  let created: SubscribeResult;
  try {
    created = await hooks.subscribe(integration, { endpointId: record.id, parameters, credentials });
  } catch (error) {
    throw integrationFailure(integration, 'updating the webhook', error);
  }
  const moved = !sameExternalWebhook(integration.subscription.properties, old.properties, created.properties);
  const now = new Date(clock.now());
  let updated: SubscriptionRecord | undefined;
  try {
    updated = await store.subscriptions.update(record.workspaceId, record.id, {
      name: input.name,
      parameters: fields.parameters,
      ...(record.method === 'api-key' ? { credentials: fields.credentials } : {}),
      properties: hooks.sealProperties(integration, created.properties),
      expiresAt: created.expiresAt ?? null,
      status: 'active',
      statusReason: null,
      checkFailures: 0,
      lastCheckedAt: now,
      nextCheckAt: new Date(now.getTime() + hooks.policy.intervalMs),
      updatedAt: now,
    });
    if (!updated) throw new NotFoundError('subscription', record.id);
  } catch (error) {
    if (moved)
      await removeQuietly(
        input,
        {
          ...hooksInput(hooks, record, integration, parameters, credentials),
          properties: created.properties,
        },
        'the new',
      );
    throw error;
  }
  logger.info({ ...where, moved }, 'external webhook updated');
  if (moved) {
    const problem = await removeQuietly(input, old, 'the old');
    if (problem !== undefined) {
      const statusReason = `the webhook was updated, but the old one could not be removed from ${integration.name} (${problem}); remove it there by hand`;
      return (
        (await store.subscriptions.update(record.workspaceId, record.id, { statusReason, updatedAt: now })) ??
        updated
      );
    }
  }
  return updated;
}

function hooksInput(
  hooks: IntegrationHooks,
  record: SubscriptionRecord,
  integration: Integration,
  parameters: ParameterValues,
  credentials: ParameterValues,
): Omit<ExistingSubscriptionInput, 'properties'> {
  return {
    endpointUrl: hooks.endpointUrl(record.id),
    parameters,
    credentials,
    context: hooks.context(integration),
  };
}

/** Removes a webhook, logging instead of throwing; answers what went wrong, if anything. */
async function removeQuietly(
  input: {
    readonly options: SubscriptionServicesOptions;
    readonly hooks: IntegrationHooks;
    readonly record: SubscriptionRecord;
    readonly integration: Integration;
  },
  webhook: ExistingSubscriptionInput,
  which: string,
): Promise<string | undefined> {
  const { options, hooks, record, integration } = input;
  const where = { subscriptionId: record.id, integration: integration.id, workspaceId: record.workspaceId };
  try {
    await hooks.unsubscribe(integration, webhook);
    options.logger.info(where, `${which} external webhook removed`);
    return undefined;
  } catch (error) {
    const problem = integrationFailure(integration, `removing ${which} webhook`, error).message;
    options.logger.warn({ ...where, problem }, `${which} external webhook could not be removed`);
    return problem;
  }
}
