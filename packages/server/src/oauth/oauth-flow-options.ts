import type { Clock, IntegrationContext, Logger } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import type { InternalEvents } from '../domain/internal-events.js';
import { createIntegrationContext } from '../external/integration-context.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { Store } from '../store/store.js';
import type { OAuthClientService } from './oauth-client-service.js';
import type { OAuthIntegration } from './oauth-integration.js';

/** What the steps of the authorization-code flow (authorize, callback, confirm) share. */
export interface OAuthFlowOptions {
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly secretBox: SecretBox;
  readonly clients: OAuthClientService;
  readonly events: InternalEvents;
  readonly clock: Clock;
  readonly config: Pick<Config, 'env'>;
  readonly logger: Logger;
  /** For the calls to the provider; tests may pass one, the real fetch otherwise. */
  readonly fetch?: typeof fetch;
}

/** The context the integration's OAuth hooks receive. */
export function oauthHookContext(options: OAuthFlowOptions, oauth: OAuthIntegration): IntegrationContext {
  return createIntegrationContext(oauth.integration, {
    logger: options.logger,
    clock: options.clock,
    env: options.config.env,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
