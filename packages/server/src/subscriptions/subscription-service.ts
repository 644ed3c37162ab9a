import type { Integration } from '@tripline/sdk';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { Principal, SubscriptionRecord } from '../store/records.js';
import { type FieldPatch, patchFields } from './field-patch.js';
import { SecretProperties } from './secret-properties.js';
import { checkName, checkNameFree } from './subscription-naming.js';
import { SUBSCRIPTION_LIMIT, type SubscriptionServicesOptions } from './subscription-services-options.js';
import { type SubscriptionView, toSubscriptionView } from './subscription-view.js';
import { noWorkflowUsage, type WorkflowUsage } from './workflow-usage.js';

export interface SubscriptionPatch extends Omit<FieldPatch, 'credentials'> {
  readonly name?: string;
}

export interface SubscriptionList {
  readonly items: SubscriptionView[];
  /** Subscriptions of one integration a workspace may have. */
  readonly limit: number;
}

/** Subscriptions of a workspace: list, show, edit, delete. They are made by building a builder. */
export class SubscriptionService {
  readonly #options: SubscriptionServicesOptions;
  readonly #usage: WorkflowUsage;
  readonly #secrets: SecretProperties;

  constructor(options: SubscriptionServicesOptions & { readonly workflowUsage?: WorkflowUsage }) {
    this.#options = options;
    this.#usage = options.workflowUsage ?? noWorkflowUsage;
    this.#secrets = new SecretProperties(options.secretBox);
  }

  async list(principal: Principal, integrationId: string): Promise<SubscriptionList> {
    const integration = this.#options.catalog.get(integrationId);
    const records = await this.#options.store.subscriptions.list(principal.workspaceId, integration.id);
    const usage = await this.#usage.countBySubscription(
      principal.workspaceId,
      records.map((record) => record.id),
    );
    return {
      items: records.map((record) => this.#view(record, integration, usage.get(record.id) ?? 0)),
      limit: SUBSCRIPTION_LIMIT,
    };
  }

  async get(principal: Principal, id: string): Promise<SubscriptionView> {
    const record = await this.#record(principal, id);
    return this.#view(
      record,
      this.#options.catalog.find(record.integration),
      await this.#usageOf(principal, id),
    );
  }

  /** Renames or edits; secrets sent back masked (or left out) keep their stored value. */
  async update(principal: Principal, id: string, patch: SubscriptionPatch): Promise<SubscriptionView> {
    const { store, catalog, clock, events } = this.#options;
    const record = await this.#record(principal, id);
    const integration = catalog.get(record.integration);
    if (record.method !== 'manual' && (patch.parameters !== undefined || patch.properties !== undefined)) {
      throw new ValidationError(
        `subscription "${id}" was created with method "${record.method}": changing its parameters or properties would need the webhook to be recreated, which is not supported; only name can change`,
      );
    }
    const name = patch.name === undefined ? record.name : checkName(patch.name);
    if (name !== record.name) {
      await checkNameFree({
        store,
        workspaceId: principal.workspaceId,
        integration: integration.id,
        name,
        exceptId: id,
      });
    }
    const { fields, reveal } = patchFields({
      integration,
      method: record.method,
      secrets: this.#secrets,
      stored: record,
      patch: {
        ...(patch.parameters ? { parameters: patch.parameters } : {}),
        ...(patch.properties ? { properties: patch.properties } : {}),
      },
    });
    const updated = await store.subscriptions.update(principal.workspaceId, id, {
      name,
      parameters: fields.parameters,
      properties: fields.properties,
      updatedAt: new Date(clock.now()),
    });
    if (!updated) throw new NotFoundError('subscription', id);
    events.emit('endpoint.changed', { endpointId: id });
    return this.#view(updated, integration, await this.#usageOf(principal, id), reveal);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const deleted = await this.#options.store.subscriptions.delete(principal.workspaceId, id);
    if (!deleted) throw new NotFoundError('subscription', id);
    this.#options.events.emit('endpoint.changed', { endpointId: id });
    this.#options.logger.info(
      { subscriptionId: id, workspaceId: principal.workspaceId },
      'subscription deleted',
    );
  }

  async #record(principal: Principal, id: string): Promise<SubscriptionRecord> {
    const record = await this.#options.store.subscriptions.get(principal.workspaceId, id);
    if (!record) throw new NotFoundError('subscription', id);
    return record;
  }

  async #usageOf(principal: Principal, id: string): Promise<number> {
    const usage = await this.#usage.countBySubscription(principal.workspaceId, [id]);
    return usage.get(id) ?? 0;
  }

  #view(
    record: SubscriptionRecord,
    integration: Integration | undefined,
    workflowsInUse: number,
    reveal?: ReadonlySet<string>,
  ): SubscriptionView {
    return toSubscriptionView({
      record,
      integration,
      secrets: this.#secrets,
      triggerUrl: this.#options.config.triggerUrl,
      workflowsInUse,
      ...(reveal ? { reveal } : {}),
    });
  }
}
