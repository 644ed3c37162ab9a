import { type Clock, CredentialsError, type Logger, type ParameterValues } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { createIntegrationContext } from '../external/integration-context.js';
import { isCredentialsFailure } from '../external/integration-errors.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { CredentialRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { IntervalTimers, PeriodicJob } from '../subscriptions/periodic-job.js';
import { periodicJob } from '../subscriptions/periodic-job.js';
import type { OAuthClientService } from './oauth-client-service.js';
import { asOAuthIntegration } from './oauth-integration.js';
import { refreshBackoffMs } from './refresh-backoff.js';

/** Tokens expiring within this margin are refreshed ahead of time. */
export const REFRESH_MARGIN_MS = 10 * 60 * 1000;
/** Credentials refreshed per pass; the rest wait for the next one. */
export const REFRESH_BATCH = 50;

export interface CredentialRefresherOptions {
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly secretBox: SecretBox;
  readonly clients: OAuthClientService;
  readonly clock: Clock;
  readonly config: Pick<Config, 'env'>;
  readonly logger: Logger;
  /** Between passes; at least a minute, so a failing provider is not asked in a tight loop. */
  readonly intervalMs?: number;
  readonly timers?: IntervalTimers;
  readonly fetch?: typeof fetch;
  /** For the backoff's jitter; tests pass a fixed one. */
  readonly random?: () => number;
}

/**
 * Refreshes saved OAuth credentials before their access token expires. Refused credentials (the
 * provider said the refresh token or client is no good) become `unauthorized`, and so does every
 * subscription using them; any other failure (network, 5xx) keeps them active and backs off (see
 * refresh-backoff.ts), so credentials that keep failing leave the batch to the others.
 */
export function credentialRefresher(options: CredentialRefresherOptions): PeriodicJob {
  return periodicJob({
    name: 'credential refresh',
    intervalMs: Math.max(options.intervalMs ?? 60_000, 60_000),
    logger: options.logger,
    ...(options.timers ? { timers: options.timers } : {}),
    work: () => refreshExpiringCredentials(options),
  });
}

/** One pass: each expiring credential on its own, so one failure does not hold up the others. */
export async function refreshExpiringCredentials(options: CredentialRefresherOptions): Promise<void> {
  const now = options.clock.now();
  const due = await options.store.credentials.listExpiring({
    before: new Date(now + REFRESH_MARGIN_MS),
    now: new Date(now),
    limit: REFRESH_BATCH,
  });
  for (const credential of due) {
    try {
      await refreshOne(options, credential);
    } catch (error) {
      if (isCredentialsFailure(error)) {
        await markUnauthorized(options, credential, error instanceof Error ? error.message : String(error));
      } else {
        await backOff(options, credential, error);
      }
    }
  }
}

async function refreshOne(options: CredentialRefresherOptions, credential: CredentialRecord): Promise<void> {
  const { store, catalog, secretBox, clock } = options;
  const integration = catalog.find(credential.integration);
  const oauth = integration ? asOAuthIntegration(integration) : undefined;
  const refresh = oauth?.hooks.refreshCredentials;
  if (!oauth || !refresh) {
    // Nothing can renew these tokens: once they lapse, the subscriptions can no longer work.
    if (credential.expiresAt !== null && credential.expiresAt.getTime() <= clock.now()) {
      throw new CredentialsError(
        `the access token expired and integration "${credential.integration}" cannot refresh it; connect again`,
      );
    }
    return;
  }
  const client = await options.clients.ofSource(credential.workspaceId, oauth, credential.clientSource);
  if (!client) {
    throw new CredentialsError(
      `the ${credential.clientSource} OAuth client of ${oauth.integration.name} that issued these tokens is gone; set a client up and connect again`,
    );
  }
  const current = openCredentials(secretBox, credential.credentials);
  const tokens = await refresh({
    client,
    credentials: current,
    context: createIntegrationContext(oauth.integration, {
      logger: options.logger,
      clock,
      env: options.config.env,
      ...(options.fetch ? { fetch: options.fetch } : {}),
    }),
  });
  // Providers that keep the refresh token send only a new access token: keep what was not replaced.
  const merged = { ...current, ...tokens.credentials };
  await store.credentials.update(credential.id, {
    credentials: secretBox.seal(JSON.stringify(merged)),
    expiresAt: tokens.expiresAt ?? null,
    refreshFailures: 0,
    nextRefreshAt: null,
    updatedAt: new Date(clock.now()),
  });
  options.logger.info(
    { credentialId: credential.id, integration: credential.integration, workspaceId: credential.workspaceId },
    'credential refreshed',
  );
}

/** A failure that says nothing about the credentials: try again later, later each time. */
async function backOff(
  options: CredentialRefresherOptions,
  credential: CredentialRecord,
  error: unknown,
): Promise<void> {
  const failures = credential.refreshFailures + 1;
  const waitMs = refreshBackoffMs(failures, options.random);
  const where = { credentialId: credential.id, integration: credential.integration };
  options.logger.warn({ ...where, failures, retryInMs: waitMs, err: error }, 'credential refresh failed');
  try {
    await options.store.credentials.setRefreshBackoff(credential.id, {
      failures,
      nextRefreshAt: new Date(options.clock.now() + waitMs),
    });
  } catch (storeError) {
    options.logger.error({ ...where, err: storeError }, 'credential refresh backoff not stored');
  }
}

async function markUnauthorized(
  options: CredentialRefresherOptions,
  credential: CredentialRecord,
  reason: string,
): Promise<void> {
  const { store, clock, logger } = options;
  // With several schedulers, another may have refreshed it first, and a rotated refresh token is
  // refused the second time: that is not a reason to give the credential up.
  const latest = await store.credentials.get(credential.workspaceId, credential.id);
  if (!latest || latest.updatedAt.getTime() !== credential.updatedAt.getTime()) return;
  const now = new Date(clock.now());
  await store.credentials.setStatus(credential.id, 'unauthorized', reason, now);
  const subscriptions = await store.subscriptions.setStatusByCredential(
    credential.id,
    'unauthorized',
    reason,
    now,
  );
  logger.warn(
    {
      credentialId: credential.id,
      integration: credential.integration,
      workspaceId: credential.workspaceId,
      subscriptions,
      reason,
    },
    'credential refused at refresh: marked unauthorized',
  );
}

function openCredentials(secretBox: SecretBox, sealed: string): ParameterValues {
  const parsed: unknown = JSON.parse(secretBox.open(sealed));
  return parsed !== null && typeof parsed === 'object' ? (parsed as ParameterValues) : {};
}
