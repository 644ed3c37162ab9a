import type { Config } from '../config/config.js';
import { credentialRefresher } from '../oauth/credential-refresher.js';
import type { OAuthClientService } from '../oauth/oauth-client-service.js';
import { oauthStateCleanup } from '../oauth/oauth-state-cleanup.js';
import { logRetention } from '../request-logs/log-retention.js';
import { runRetention } from '../runs/run-retention.js';
import { abandonedBuildCleanup } from '../subscriptions/abandoned-build-cleanup.js';
import { builderCleanup } from '../subscriptions/builder-cleanup.js';
import type { PeriodicJob } from '../subscriptions/periodic-job.js';
import { subscriptionReconciler } from '../subscriptions/subscription-reconciler.js';
import type { SubscriptionServicesOptions } from '../subscriptions/subscription-services-options.js';

/**
 * The periodic housekeeping of this process. Every process cleans up after itself; work that must
 * happen once per deployment, not once per process, is the scheduler role's.
 */
export function backgroundJobs(input: {
  readonly services: SubscriptionServicesOptions & { readonly config: Config };
  readonly oauthClients: OAuthClientService;
}): PeriodicJob[] {
  const { services, oauthClients } = input;
  const { store, clock, logger, config } = services;
  const everyProcess = [
    builderCleanup({ store, clock, logger }),
    logRetention({ store, clock, logger, config, intervalMs: 60_000 }),
    oauthStateCleanup({ store, clock, logger }),
  ];
  if (!config.roles.has('scheduler')) return everyProcess;
  return [
    ...everyProcess,
    // One refresh per credential, not one per process.
    credentialRefresher({ ...services, clients: oauthClients }),
    // Automatic subscriptions' external webhooks are checked (and re-created) here too.
    subscriptionReconciler(services),
    // Webhooks that builds cut short left behind, removed once their builders expire.
    abandonedBuildCleanup(services),
    // Old finished runs are pruned in one pass, not one per process.
    runRetention({ store, clock, logger, config }),
  ];
}
