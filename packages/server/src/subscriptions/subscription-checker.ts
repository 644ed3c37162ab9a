import type { Integration, ParameterValues } from '@tripline/sdk';
import { HttpError } from '../domain/errors.js';
import { integrationFailure, isCredentialsFailure } from '../external/integration-errors.js';
import type { SubscriptionRecord, SubscriptionStatus } from '../store/records.js';
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
   * Takes the check for this caller alone: moves `nextCheckAt` past a lease only if nobody moved it
   * since `record` was read. False when another checker has it.
   */
  async claim(record: SubscriptionRecord): Promise<boolean> {
    if (record.nextCheckAt === null) return true;
    const leaseUntil = new Date(this.#options.clock.now() + this.#hooks.policy.leaseMs);
    return this.#options.store.subscriptions.claimCheck(record.id, record.nextCheckAt, leaseUntil);
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
    // The ingress caches the endpoint with its secret: a re-created webhook may have a new one.
    if (changed) events.emit('endpoint.changed', { endpointId: record.id });
    return updated;
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
