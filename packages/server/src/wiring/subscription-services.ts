import { OAuthAuthorizer } from '../oauth/oauth-authorizer.js';
import { OAuthCallbackHandler } from '../oauth/oauth-callback-handler.js';
import { OAuthClientService } from '../oauth/oauth-client-service.js';
import { OAuthConfirmer } from '../oauth/oauth-confirmer.js';
import { RequestLogService } from '../request-logs/request-log-service.js';
import { BuilderService } from '../subscriptions/builder-service.js';
import { SubscriptionService } from '../subscriptions/subscription-service.js';
import type { SubscriptionServicesOptions } from '../subscriptions/subscription-services-options.js';
import { StoreWorkflowUsage } from '../workflows/store-workflow-usage.js';

/** The services behind subscriptions, their builders, request logs and OAuth connections. */
export interface SubscriptionServices {
  readonly builders: BuilderService;
  readonly subscriptions: SubscriptionService;
  readonly requestLogs: RequestLogService;
  readonly oauthClients: OAuthClientService;
  readonly oauthAuthorizer: OAuthAuthorizer;
  readonly oauthCallbacks: OAuthCallbackHandler;
  readonly oauthConfirmer: OAuthConfirmer;
}

/** Makes the subscription services over one set of shared options (one integration context each). */
export function createSubscriptionServices(services: SubscriptionServicesOptions): SubscriptionServices {
  const oauthClients = new OAuthClientService(services);
  return {
    builders: new BuilderService(services),
    subscriptions: new SubscriptionService({
      ...services,
      workflowUsage: new StoreWorkflowUsage({ store: services.store }),
    }),
    requestLogs: new RequestLogService(services),
    oauthClients,
    oauthAuthorizer: new OAuthAuthorizer({ ...services, clients: oauthClients }),
    oauthCallbacks: new OAuthCallbackHandler({ ...services, clients: oauthClients }),
    oauthConfirmer: new OAuthConfirmer({ ...services, clients: oauthClients }),
  };
}
