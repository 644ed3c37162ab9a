import { HttpError } from '../domain/errors.js';
import { integrationFailure } from '../external/integration-errors.js';
import type { SubscriptionRecord } from '../store/records.js';
import type { IntegrationHooks } from './integration-hooks.js';
import type { SubscriptionServicesOptions } from './subscription-services-options.js';

/**
 * Removes an automatic subscription's webhook from the external system before the subscription is
 * deleted (the integration treats "already gone" as done). A failure keeps the subscription, with
 * 502 `external_delete_failed` saying what the external system said and how to delete anyway;
 * with `force` the failure is logged and the deletion goes on.
 */
export async function removeExternalWebhook(input: {
  readonly options: SubscriptionServicesOptions;
  readonly hooks: IntegrationHooks;
  readonly record: SubscriptionRecord;
  readonly force: boolean;
}): Promise<void> {
  const { options, hooks, record, force } = input;
  const where = {
    subscriptionId: record.id,
    integration: record.integration,
    workspaceId: record.workspaceId,
  };
  const integration = options.catalog.find(record.integration);
  if (!integration) {
    options.logger.warn(where, 'integration not installed: its external webhook cannot be removed');
    return;
  }
  try {
    await hooks.unsubscribe(integration, await hooks.existing(record, integration));
    options.logger.info(where, 'external webhook removed');
  } catch (error) {
    const problem = integrationFailure(integration, 'removing the webhook', error).message;
    if (force) {
      options.logger.warn(
        { ...where, problem },
        `external webhook not removed; subscription deleted anyway (force): the webhook stays in ${integration.name}`,
      );
      return;
    }
    throw new HttpError(
      502,
      'external_delete_failed',
      `${problem} — the subscription was not deleted; send DELETE again with ?force=true to remove the subscription here anyway (the webhook then stays in ${integration.name})`,
      { cause: error },
    );
  }
}
