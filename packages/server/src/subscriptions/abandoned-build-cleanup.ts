import { type Integration, MASKED_SECRET, type ParameterValue } from '@tripline/sdk';
import { integrationFailure } from '../external/integration-errors.js';
import type { AbandonedBuildCursor } from '../store/ports/builder-repository.js';
import type { BuilderRecord } from '../store/records.js';
import { IntegrationHooks } from './integration-hooks.js';
import { type IntervalTimers, type PeriodicJob, periodicJob } from './periodic-job.js';
import type { SubscriptionServicesOptions } from './subscription-services-options.js';

/** How long after its builder expired a build's webhook is still looked for; then it is left to the user. */
export const ABANDONED_BUILD_GIVE_UP_MS = 7 * 24 * 60 * 60 * 1000;

const FIRST_RETRY_MS = 5 * 60 * 1000;
const LONGEST_RETRY_MS = 6 * 60 * 60 * 1000;

/**
 * Whether a removal is due at a pass `sinceFirst` ms after a builder was first taken for abandoned,
 * when the previous pass was at `previousSinceFirst` (undefined: no pass before in this process).
 * Removals are tried at once, then 5 minutes later, the gap doubling up to 6 hours: a credential
 * that stopped working is tried about 35 times in 7 days, not 2,000, and logs as often.
 */
export function removalDue(sinceFirst: number, previousSinceFirst: number | undefined): boolean {
  if (previousSinceFirst === undefined) return true;
  let due = 0;
  let gap = FIRST_RETRY_MS;
  while (due <= sinceFirst) {
    if (due > previousSinceFirst) return true;
    due += gap;
    gap = Math.min(gap * 2, LONGEST_RETRY_MS);
  }
  return false;
}

export interface AbandonedBuildCleanupOptions extends SubscriptionServicesOptions {
  /** Default 5 minutes. */
  readonly intervalMs?: number;
  /**
   * How long after its expiry a builder is taken for abandoned, so that a build that began just
   * before the builder expired has finished (or failed) first. Default 10 minutes.
   */
  readonly graceMs?: number;
  /** Builders read at a time. Default 20. */
  readonly batchSize?: number;
  /** Reads per pass at most. Default 5. */
  readonly maxBatchesPerPass?: number;
  readonly timers?: IntervalTimers;
  readonly hooks?: IntegrationHooks;
}

/** What one pass did with the abandoned builds it found. */
export interface AbandonedBuildSummary {
  /** Builder rows deleted: their webhook removed (or none found), or their build had finished. */
  readonly cleaned: number;
  /** Removing the webhook failed: tried again on a later pass (see removalDue). */
  readonly retrying: number;
  /** Removing the webhook failed for too long: logged with what to remove by hand, row deleted. */
  readonly givenUp: number;
}

export interface AbandonedBuildCleanup extends PeriodicJob {
  /** One pass at the clock's time. */
  cleanUp(): Promise<AbandonedBuildSummary>;
}

type Outcome = keyof AbandonedBuildSummary;

/**
 * Removes the external webhooks that automatic builds may have left behind: a build records that
 * it started before it creates the webhook, so a builder that expired with that mark and without
 * a subscription of its id belongs to a build cut short between creating the webhook and storing
 * the subscription. Its webhook is removed through the integration's `unsubscribe` (found by the
 * endpoint URL: no hook id was stored), then the builder row is deleted. One builder's failure is
 * logged and never stops the others; another scheduler doing the same at once finds the webhook
 * or the row gone, which is fine. Runs in the process with the `scheduler` role.
 */
export function abandonedBuildCleanup(options: AbandonedBuildCleanupOptions): AbandonedBuildCleanup {
  const { store, clock, logger, catalog } = options;
  const hooks = options.hooks ?? new IntegrationHooks(options);
  const graceMs = options.graceMs ?? 10 * 60 * 1000;
  const batchSize = options.batchSize ?? 20;
  const maxBatches = options.maxBatchesPerPass ?? 5;

  const removeWebhook = async (builder: BuilderRecord, integration: Integration | undefined) => {
    if (!integration) throw new Error(`integration "${builder.integration}" is not installed`);
    const credentials = await hooks.credentials.open(builder, integration, 'subscription builder');
    await hooks.unsubscribe(integration, {
      endpointUrl: hooks.endpointUrl(builder.id),
      parameters: hooks.secrets.open(builder.parameters),
      properties: {},
      credentials,
      context: hooks.context(integration),
    });
  };

  /** The clock's time at the previous pass of this job, for spacing retries (see removalDue). */
  let previousPassAt: number | undefined;

  const cleanOne = async (builder: BuilderRecord, now: number): Promise<Outcome | undefined> => {
    const where = {
      builderId: builder.id,
      integration: builder.integration,
      workspaceId: builder.workspaceId,
    };
    if (await store.subscriptions.get(builder.workspaceId, builder.id)) {
      await store.builders.delete(builder.id);
      logger.debug(where, 'build had finished after all: expired builder deleted');
      return 'cleaned';
    }
    const abandonedAt = builder.expiresAt.getTime() + graceMs;
    const previous = previousPassAt === undefined ? undefined : previousPassAt - abandonedAt;
    if (!removalDue(now - abandonedAt, previous)) return undefined;
    const integration = catalog.find(builder.integration);
    const endpointUrl = hooks.endpointUrl(builder.id);
    try {
      await removeWebhook(builder, integration);
    } catch (error) {
      // Names where the webhook is (the repository, say) and its URL; secret values are masked.
      const parameters = hooks.secrets.mask(
        integration?.subscription.constructorParameters ?? [],
        builder.parameters,
      );
      const problem = integration
        ? integrationFailure(integration, 'removing the webhook', error).message
        : error instanceof Error
          ? error.message
          : String(error);
      const failed = { ...where, endpointUrl, parameters, problem };
      if (now - builder.expiresAt.getTime() < ABANDONED_BUILD_GIVE_UP_MS) {
        logger.warn(failed, 'removing the webhook of an unfinished build failed: trying again later');
        return 'retrying';
      }
      const system = integration?.name ?? builder.integration;
      logger.error(
        failed,
        `gave up removing the webhook an unfinished build may have left in ${system}: if a webhook that ` +
          `delivers to ${endpointUrl} is still there, delete it by hand in the webhook settings of ` +
          `${placeOf(parameters)} in ${system}`,
      );
      await store.builders.delete(builder.id);
      return 'givenUp';
    }
    await store.builders.delete(builder.id);
    logger.info({ ...where, endpointUrl }, 'webhook of an unfinished build removed, expired builder deleted');
    return 'cleaned';
  };

  const cleanUp = async (): Promise<AbandonedBuildSummary> => {
    const now = clock.now();
    const summary = { cleaned: 0, retrying: 0, givenUp: 0 };
    let after: AbandonedBuildCursor | undefined;
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const builders = await store.builders.listAbandonedBuilds(new Date(now - graceMs), batchSize, after);
      for (const builder of builders) {
        try {
          const outcome = await cleanOne(builder, now);
          if (outcome !== undefined) summary[outcome] += 1;
        } catch (error) {
          logger.error(
            { err: error, builderId: builder.id, workspaceId: builder.workspaceId },
            'abandoned build could not be cleaned up: trying again later',
          );
          summary.retrying += 1;
        }
      }
      // Past the ones left for a later pass, so they never hold back the rest.
      after = builders.at(-1);
      if (builders.length < batchSize) break;
    }
    previousPassAt = now;
    if (summary.cleaned + summary.retrying + summary.givenUp > 0) {
      logger.info(summary, 'abandoned builds cleaned up');
    }
    return summary;
  };

  const job = periodicJob({
    name: 'abandoned build cleanup',
    intervalMs: options.intervalMs ?? 5 * 60 * 1000,
    logger,
    ...(options.timers ? { timers: options.timers } : {}),
    work: async () => {
      await cleanUp();
    },
  });
  return { ...job, cleanUp };
}

/** What the webhook was made for, from the parameters in words, e.g. "repository octo/hello". */
function placeOf(parameters: Readonly<Record<string, ParameterValue>>): string {
  const named = Object.entries(parameters)
    .filter(([, value]) => typeof value === 'string' && value !== '' && value !== MASKED_SECRET)
    .map(([name, value]) => `${name} ${String(value)}`);
  return named.length > 0 ? named.join(', ') : 'what it was created for';
}
