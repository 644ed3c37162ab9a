import type { Clock, Logger } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { InternalEvents } from '../domain/internal-events.js';
import type { IntegrationContexts } from '../external/integration-contexts.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { Store } from '../store/store.js';
import type { CheckPolicy } from './check-policy.js';

/** What the builder, subscription and request-log services share. */
export interface SubscriptionServicesOptions {
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly secretBox: SecretBox;
  readonly events: InternalEvents;
  readonly clock: Clock;
  /**
   * `allowLocalCallbacks` lets automatic subscriptions hand a local TRIGGER_URL to the external
   * system; `env` holds the integrations' settings (e.g. TRIPLINE_GITHUB_API_URL).
   */
  readonly config: Pick<Config, 'triggerUrl' | 'allowLocalCallbacks' | 'env'>;
  readonly logger: Logger;
  /**
   * The contexts integrations' outbound hooks receive; share one between the services so their
   * caches are shared. Made from `logger`, `clock` and `config.env` when absent.
   */
  readonly integrationContexts?: IntegrationContexts;
  /** When automatic subscriptions are checked again (see check-policy.ts). */
  readonly checkPolicy?: Partial<CheckPolicy>;
  /** Jitter of the check backoff; tests pin it. */
  readonly random?: () => number;
}

/** How long a builder lives: its endpoint already answers, so an abandoned one must not linger. */
export const BUILDER_TTL_MS = 30 * 60 * 1000;

/** Subscriptions of one integration one workspace may have. */
export const SUBSCRIPTION_LIMIT = 10;

/** The callback URL of an endpoint; it never changes for the life of the builder and its subscription. */
export function endpointUrl(triggerUrl: string, endpointId: string): string {
  return `${triggerUrl}/triggers/plugin/${endpointId}`;
}
