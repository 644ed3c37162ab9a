import type { Integration } from '@tripline/sdk';
import type { BuilderRecord, Principal, SubscriptionRecord } from '../store/records.js';
import { storeBuiltSubscription } from './store-built-subscription.js';
import type { SubscriptionServicesOptions } from './subscription-services-options.js';

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
  return storeBuiltSubscription({
    ...input,
    now: new Date(input.options.clock.now()),
    fields: {
      properties: input.builder.properties,
      credentials: null,
      credentialId: null,
      expiresAt: null,
      nextCheckAt: null,
      lastCheckedAt: null,
    },
  });
}
