import type { Integration } from '@tripline/sdk';
import type { BuilderRecord, Principal, SubscriptionRecord } from '../store/records.js';
import { createWithName } from './subscription-naming.js';
import { SUBSCRIPTION_LIMIT, type SubscriptionServicesOptions } from './subscription-services-options.js';

/** What a build decides about the subscription beyond the builder's own fields. */
export type BuiltFields = Pick<
  SubscriptionRecord,
  'properties' | 'credentials' | 'credentialId' | 'expiresAt' | 'nextCheckAt' | 'lastCheckedAt'
>;

/**
 * Stores the subscription a builder becomes, consuming the builder: same id (so the endpoint URL
 * stays), its name or a free default one, active, created now by the principal.
 */
export function storeBuiltSubscription(input: {
  readonly options: SubscriptionServicesOptions;
  readonly principal: Principal;
  readonly builder: BuilderRecord;
  readonly integration: Integration;
  readonly now: Date;
  readonly fields: BuiltFields;
}): Promise<SubscriptionRecord> {
  const { options, principal, builder, integration, now, fields } = input;
  const { store } = options;
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
          ...fields,
          status: 'active',
          statusReason: null,
          checkFailures: 0,
          createdBy: principal.memberId,
          createdAt: now,
          updatedAt: now,
        },
      }),
  });
}
