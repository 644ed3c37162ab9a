import type { Integration } from '@tripline/sdk';
import type { BuilderRecord, Principal, SubscriptionRecord } from '../store/records.js';
import { createWithName } from './subscription-naming.js';
import { SUBSCRIPTION_LIMIT, type SubscriptionServicesOptions } from './subscription-services-options.js';

/**
 * Builds a `manual` builder: the user set the webhook up in the external system by hand, so the
 * subscription is the builder's fields under its id, with nothing external to check.
 */
export async function buildManual(input: {
  readonly options: SubscriptionServicesOptions;
  readonly principal: Principal;
  readonly builder: BuilderRecord;
  readonly integration: Integration;
}): Promise<SubscriptionRecord> {
  const { options, principal, builder, integration } = input;
  const { store, clock } = options;
  const now = new Date(clock.now());
  return createWithName({
    store,
    integration,
    workspaceId: principal.workspaceId,
    chosenName: builder.name,
    limit: SUBSCRIPTION_LIMIT,
    create: (name) =>
      store.subscriptions.createFromBuilder({
        builderId: builder.id,
        limit: SUBSCRIPTION_LIMIT,
        subscription: {
          id: builder.id,
          workspaceId: builder.workspaceId,
          integration: integration.id,
          name,
          method: builder.method,
          parameters: builder.parameters,
          properties: builder.properties,
          credentials: null,
          credentialId: null,
          status: 'active',
          statusReason: null,
          expiresAt: null,
          nextCheckAt: null,
          checkFailures: 0,
          lastCheckedAt: null,
          createdBy: principal.memberId,
          createdAt: now,
          updatedAt: now,
        },
      }),
  });
}
