import type { Integration, ParameterValues, SubscribeResult } from '@tripline/sdk';
import { HttpError, SubscriptionLimitError } from '../domain/errors.js';
import { assertReachableCallbacks } from '../external/callback-url-guard.js';
import { integrationFailure, isOutrightRefusal } from '../external/integration-errors.js';
import type { BuilderRecord, Principal, SubscriptionRecord } from '../store/records.js';
import type { IntegrationHooks } from './integration-hooks.js';
import { storeBuiltSubscription } from './store-built-subscription.js';
import { checkNameFree } from './subscription-naming.js';
import { SUBSCRIPTION_LIMIT, type SubscriptionServicesOptions } from './subscription-services-options.js';

/**
 * Builds an `api-key` or `oauth` builder: creates the webhook in the external system, then stores
 * the subscription with the same id and endpoint. Everything that can be refused without the
 * external system is checked first; if storing fails afterwards, the webhook is removed again so
 * nothing is left behind that no subscription owns. That the build started is stored before the
 * webhook is created, so a build cut short by a crash is cleaned up once its builder expires.
 */
export async function buildAutomatic(input: {
  readonly options: SubscriptionServicesOptions;
  readonly hooks: IntegrationHooks;
  readonly principal: Principal;
  readonly builder: BuilderRecord;
  readonly integration: Integration;
}): Promise<SubscriptionRecord> {
  const { options, hooks, principal, builder, integration } = input;
  const { store, clock, logger } = options;
  const where = {
    subscriptionId: builder.id,
    integration: integration.id,
    workspaceId: principal.workspaceId,
  };
  assertReachableCallbacks(options.config);
  if ((await store.subscriptions.count(principal.workspaceId, integration.id)) >= SUBSCRIPTION_LIMIT) {
    throw new SubscriptionLimitError(integration.id, SUBSCRIPTION_LIMIT);
  }
  if (builder.name !== null) {
    await checkNameFree({
      store,
      workspaceId: principal.workspaceId,
      integration: integration.id,
      name: builder.name,
    });
  }
  const credentials = await hooks.credentials.open(builder, integration, 'subscription builder');
  const parameters = hooks.secrets.open(builder.parameters);

  // Durable before the webhook can exist: should the process die before the subscription is
  // stored, the expired builder still says a webhook may be left (see abandoned-build-cleanup.ts).
  const startedAt = new Date(clock.now());
  await store.builders.update(builder.workspaceId, builder.id, { buildStartedAt: startedAt });
  let created: SubscribeResult;
  try {
    created = await hooks.subscribe(integration, { endpointId: builder.id, parameters, credentials });
  } catch (error) {
    await forgetRefusedBuild({ ...input, startedAt, error });
    throw integrationFailure(integration, 'creating the webhook', error);
  }
  logger.info({ ...where, method: builder.method }, 'external webhook created');

  const now = new Date(clock.now());
  try {
    return await storeBuiltSubscription({
      ...input,
      now,
      fields: {
        properties: hooks.sealProperties(integration, created.properties),
        credentials: builder.method === 'api-key' ? builder.credentials : null,
        credentialId: builder.method === 'oauth' ? builder.credentialId : null,
        expiresAt: created.expiresAt ?? null,
        nextCheckAt: new Date(now.getTime() + hooks.policy.intervalMs),
        lastCheckedAt: now,
      },
    });
  } catch (error) {
    const winner = await store.subscriptions.get(builder.workspaceId, builder.id);
    if (winner) {
      await realign({ ...input, winner, parameters, credentials });
      throw new HttpError(
        404,
        'not_found',
        `subscription builder "${builder.id}" was built by another request meanwhile: its subscription is GET /api/v1/subscriptions/${builder.id}`,
        { cause: error },
      );
    }
    await undo({ ...input, parameters, credentials, properties: created.properties });
    throw error;
  }
}

/**
 * Takes back the build mark when the external system refused outright, so nothing was created:
 * otherwise a mistyped repository or a revoked token would have the expired builder looked after
 * for days, its cleanup refused as the build was. Only for a builder no earlier build had marked,
 * since a webhook an earlier build left would then be forgotten with it.
 */
async function forgetRefusedBuild(input: {
  readonly options: SubscriptionServicesOptions;
  readonly builder: BuilderRecord;
  readonly startedAt: Date;
  readonly error: unknown;
}): Promise<void> {
  const { options, builder } = input;
  if (builder.buildStartedAt !== null || !isOutrightRefusal(input.error)) return;
  try {
    await options.store.builders.clearBuildMark(builder.workspaceId, builder.id, input.startedAt);
  } catch (error) {
    // The mark stays: the cleanup then finds no webhook, or says what it cannot check.
    options.logger.warn(
      { builderId: builder.id, workspaceId: builder.workspaceId, err: error },
      'cannot clear the mark of a refused build',
    );
  }
}

/**
 * A build of the same builder in another process stored the subscription first. Both adopted the
 * one webhook at the endpoint URL, each with its own fresh secret, and the external system keeps
 * whichever came last, which need not be the stored one. Subscribing once more (adopting, with a
 * new secret) and storing that secret brings them together again.
 */
async function realign(input: {
  readonly options: SubscriptionServicesOptions;
  readonly hooks: IntegrationHooks;
  readonly builder: BuilderRecord;
  readonly integration: Integration;
  readonly winner: SubscriptionRecord;
  readonly parameters: ParameterValues;
  readonly credentials: ParameterValues;
}): Promise<void> {
  const { options, hooks, builder, integration, winner } = input;
  const where = { subscriptionId: builder.id, integration: integration.id, workspaceId: builder.workspaceId };
  const now = new Date(options.clock.now());
  try {
    const again = await hooks.subscribe(integration, {
      endpointId: builder.id,
      parameters: input.parameters,
      credentials: input.credentials,
    });
    await options.store.subscriptions.update(winner.workspaceId, winner.id, {
      properties: hooks.sealProperties(integration, again.properties),
      expiresAt: again.expiresAt ?? null,
      updatedAt: now,
    });
    options.logger.info(where, 'concurrent build: the webhook and the stored secret agree again');
  } catch (error) {
    const problem = integrationFailure(integration, 'updating the webhook', error).message;
    options.logger.error(
      { ...where, problem },
      'concurrent build: the webhook secret may differ from the stored one',
    );
    await options.store.subscriptions.update(winner.workspaceId, winner.id, {
      status: 'error',
      statusReason: `two builds of this subscription ran at once and the webhook's secret could not be set again (${problem}), so deliveries may be refused as unsigned; delete it (DELETE /api/v1/subscriptions/${builder.id}) and build it again`,
      updatedAt: now,
    });
  }
  options.events.emit('endpoint.changed', { endpointId: builder.id });
}

/**
 * Removes the webhook a failed build created. Not when a subscription with this id exists after
 * all: a concurrent build of the same builder won, and the webhook (adopted by URL) is its own.
 */
async function undo(input: {
  readonly options: SubscriptionServicesOptions;
  readonly hooks: IntegrationHooks;
  readonly principal: Principal;
  readonly builder: BuilderRecord;
  readonly integration: Integration;
  readonly parameters: ParameterValues;
  readonly credentials: ParameterValues;
  readonly properties: ParameterValues;
}): Promise<void> {
  const { options, hooks, builder, integration } = input;
  const where = { subscriptionId: builder.id, integration: integration.id, workspaceId: builder.workspaceId };
  try {
    if (await options.store.subscriptions.get(builder.workspaceId, builder.id)) return;
    await hooks.unsubscribe(integration, {
      endpointUrl: hooks.endpointUrl(builder.id),
      parameters: input.parameters,
      properties: input.properties,
      credentials: input.credentials,
      context: hooks.context(integration),
    });
    options.logger.info(where, 'external webhook removed again: the subscription could not be stored');
  } catch (error) {
    options.logger.error(
      {
        ...where,
        // Which webhook to remove: its id and where it is, secrets masked.
        webhook: hooks.secrets.mask(integration.subscription.properties, input.properties),
        problem: integrationFailure(integration, 'removing the webhook', error).message,
      },
      `the subscription could not be stored and removing its external webhook failed: remove it by hand in ${integration.name}`,
    );
  }
}
