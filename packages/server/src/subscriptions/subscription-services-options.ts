import type { Clock, Logger } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { InternalEvents } from '../domain/internal-events.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { Store } from '../store/store.js';

/** What the builder, subscription and request-log services share. */
export interface SubscriptionServicesOptions {
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly secretBox: SecretBox;
  readonly events: InternalEvents;
  readonly clock: Clock;
  readonly config: Pick<Config, 'triggerUrl'>;
  readonly logger: Logger;
}

/** How long a builder lives: its endpoint already answers, so an abandoned one must not linger. */
export const BUILDER_TTL_MS = 30 * 60 * 1000;

/** Subscriptions of one integration one workspace may have. */
export const SUBSCRIPTION_LIMIT = 10;

/** The callback URL of an endpoint; it never changes for the life of the builder and its subscription. */
export function endpointUrl(triggerUrl: string, endpointId: string): string {
  return `${triggerUrl}/triggers/plugin/${endpointId}`;
}
