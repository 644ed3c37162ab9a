import type { ExistingSubscriptionInput, Integration, ParameterValues } from '@tripline/sdk';
import { HttpError } from '../domain/errors.js';
import { integrationFailure, isCredentialsFailure } from '../external/integration-errors.js';
import type { SubscriptionRecord, SubscriptionStatus } from '../store/records.js';
import { type CheckLease, checkInProgress } from './check-lease.js';
import { backoffDelay } from './check-policy.js';
import { CredentialsMissingError } from './credential-resolver.js';
import { IntegrationHooks } from './integration-hooks.js';
import type { SubscriptionServicesOptions } from './subscription-services-options.js';

/**
 * The self-healing check of one automatic subscription: refreshes an external subscription about
 * to lapse, looks at the external webhook, and re-creates it (same endpoint URL) when it went
 * missing or was changed. A good check makes the subscription `active` and comes back after the
 * policy's interval; a failed one records why (`unauthorized` for refused credentials, `error`
 * otherwise) and comes back after a growing, jittered wait.
 */
export class SubscriptionChecker {
  readonly #options: SubscriptionServicesOptions;
  readonly #hooks: IntegrationHooks;

  constructor(options: SubscriptionServicesOptions, hooks: IntegrationHooks = new IntegrationHooks(options)) {
    this.#options = options;
    this.#hooks = hooks;
  }

  /**
   * Takes the subscription's outbound state for this caller alone (a check, a rebuild, a delete):
   * a lease of the policy's `leaseMs`, taken only if nobody checked the subscription since
   * `record` was read and nobody holds a lease on it now. Undefined when another caller has it.
   */
  async claim(record: SubscriptionRecord): Promise<CheckLease | undefined> {
    const now = this.#options.clock.now();
    const until = new Date(now + this.#hooks.policy.leaseMs);
    // Only manual subscriptions have no check time, and nothing checks or rebuilds those.
    if (record.nextCheckAt === null) return { subscriptionId: record.id, until, stored: false };
    const won = await this.#options.store.subscriptions.claimCheck({
      id: record.id,
      expected: record.nextCheckAt,
      now: new Date(now),
      leaseUntil: until,
    });
    return won ? { subscriptionId: record.id, until, stored: true } : undefined;
  }

  /** Ends a lease once its work is done or given up; one that ran out and was taken since stays. */
  async release(lease: CheckLease): Promise<void> {
    if (!lease.stored) return;
    await this.#options.store.subscriptions.releaseCheck(lease.subscriptionId, lease.until);
  }

  /**
   * Runs work on the external webhook under the subscription's lease, so the self-healing check,
   * an edit or a delete cannot change the webhook at the same time (one of them would store a
   * secret the external system no longer signs with): 409 when someone else holds it. The lease
   * ends with the work, whether it succeeded or not.
   */
  async leased<T>(record: SubscriptionRecord, work: () => Promise<T>): Promise<T> {
    const lease = await this.claim(record);
    if (!lease) throw checkInProgress(record.id);
    try {
      return await work();
    } finally {
      await this.release(lease).catch((releaseError: unknown) =>
        this.#options.logger.warn(
          { subscriptionId: record.id, err: releaseError },
          'check lease not given back; it runs out by itself',
        ),
      );
    }
  }

  /** Runs the check; answers the subscription as stored after it (undefined if it was deleted meanwhile). */
  async check(record: SubscriptionRecord): Promise<SubscriptionRecord | undefined> {
    const integration = this.#options.catalog.find(record.integration);
    try {
      if (!integration) {
        throw new HttpError(
          400,
          'unknown_integration',
          `integration "${record.integration}" is not installed on this server`,
        );
      }
      return await this.#heal(record, integration);
    } catch (error) {
      return this.#failed(record, integration, error);
    }
  }

  async #heal(record: SubscriptionRecord, integration: Integration): Promise<SubscriptionRecord | undefined> {
    const { store, clock, logger, events } = this.#options;
    const hooks = this.#hooks;
    const where = { subscriptionId: record.id, integration: integration.id, workspaceId: record.workspaceId };
    const existing = await hooks.existing(record, integration);
    const now = clock.now();
    let properties: ParameterValues = existing.properties;
    let expiresAt = record.expiresAt;
    let changed = false;
    let recreated = false;

    if (integration.refresh && expiresAt && expiresAt.getTime() - now <= hooks.policy.refreshMarginMs) {
      const refreshed = await integration.refresh(existing);
      properties = refreshed.properties;
      expiresAt = refreshed.expiresAt ?? null;
      changed = true;
      logger.info(
        { ...where, expiresAt: expiresAt?.toISOString() ?? null },
        'external subscription refreshed',
      );
    }
    if (integration.inspectWebhook) {
      const health = await integration.inspectWebhook({ ...existing, properties });
      if (health.state !== 'healthy') {
        const created = await hooks.subscribe(integration, {
          endpointId: record.id,
          parameters: existing.parameters,
          credentials: existing.credentials,
        });
        properties = created.properties;
        expiresAt = created.expiresAt ?? expiresAt;
        changed = true;
        recreated = true;
        logger.warn({ ...where, state: health.state, reason: health.reason }, 'external webhook re-created');
      }
    }
    const updated = await store.subscriptions.update(record.workspaceId, record.id, {
      ...(changed ? { properties: hooks.sealProperties(integration, properties), expiresAt } : {}),
      status: 'active',
      statusReason: null,
      checkFailures: 0,
      lastCheckedAt: new Date(now),
      nextCheckAt: new Date(now + hooks.policy.intervalMs),
      updatedAt: new Date(now),
    });
    if (!updated && recreated) {
      // Deleted while we re-created its webhook (a forced delete, or a lease that ran out): the
      // new webhook belongs to nobody, so it goes too.
      await this.#removeOrphan(integration, { ...existing, properties }, where);
      return undefined;
    }
    // The ingress caches the endpoint with its secret: a re-created webhook may have a new one.
    if (changed) events.emit('endpoint.changed', { endpointId: record.id });
    return updated;
  }

  async #removeOrphan(
    integration: Integration,
    webhook: ExistingSubscriptionInput,
    where: Readonly<Record<string, string>>,
  ): Promise<void> {
    try {
      await this.#hooks.unsubscribe(integration, webhook);
      this.#options.logger.info(
        where,
        'subscription deleted during its check: the re-created webhook removed',
      );
    } catch (error) {
      this.#options.logger.error(
        { ...where, problem: integrationFailure(integration, 'removing the webhook', error).message },
        'subscription deleted during its check: remove its re-created webhook by hand',
      );
    }
  }

  async #failed(
    record: SubscriptionRecord,
    integration: Integration | undefined,
    error: unknown,
  ): Promise<SubscriptionRecord | undefined> {
    const { store, clock, logger } = this.#options;
    const status: SubscriptionStatus =
      error instanceof CredentialsMissingError || isCredentialsFailure(error) ? 'unauthorized' : 'error';
    const reason =
      error instanceof HttpError || !integration
        ? errorMessage(error)
        : integrationFailure(integration, 'checking the webhook', error).message;
    const now = clock.now();
    const failures = record.checkFailures + 1;
    const wait = backoffDelay(this.#hooks.policy, failures, this.#options.random);
    logger.warn(
      {
        subscriptionId: record.id,
        integration: record.integration,
        workspaceId: record.workspaceId,
        status,
        failures,
        retryInMs: wait,
        reason,
      },
      'subscription check failed',
    );
    return store.subscriptions.update(record.workspaceId, record.id, {
      status,
      statusReason: reason,
      checkFailures: failures,
      lastCheckedAt: new Date(now),
      nextCheckAt: new Date(now + wait),
      updatedAt: new Date(now),
    });
  }
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
