import type { Integration } from '@tripline/sdk';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { CredentialRecord, Principal, SubscriptionRecord } from '../store/records.js';
import { rebuildAutomatic } from './automatic-rebuild.js';
import { removeExternalWebhook } from './external-webhook-removal.js';
import { type FieldPatch, patchFields } from './field-patch.js';
import { IntegrationHooks } from './integration-hooks.js';
import { SubscriptionChecker } from './subscription-checker.js';
import { checkName, checkNameFree } from './subscription-naming.js';
import { SUBSCRIPTION_LIMIT, type SubscriptionServicesOptions } from './subscription-services-options.js';
import { type SubscriptionView, toSubscriptionView } from './subscription-view.js';
import { noWorkflowUsage, type WorkflowUsage } from './workflow-usage.js';

export interface SubscriptionPatch extends FieldPatch {
  readonly name?: string;
}

export interface SubscriptionList {
  readonly items: SubscriptionView[];
  /** Subscriptions of one integration a workspace may have. */
  readonly limit: number;
}

/**
 * Subscriptions of a workspace: list, show, edit, delete, check. They are made by building a
 * builder. Automatic ones own a webhook in the external system: editing their parameters or
 * credentials rebuilds it, deleting removes it.
 */
export class SubscriptionService {
  readonly #options: SubscriptionServicesOptions;
  readonly #usage: WorkflowUsage;
  readonly #hooks: IntegrationHooks;
  readonly #checker: SubscriptionChecker;

  constructor(options: SubscriptionServicesOptions & { readonly workflowUsage?: WorkflowUsage }) {
    this.#options = options;
    this.#usage = options.workflowUsage ?? noWorkflowUsage;
    this.#hooks = new IntegrationHooks(options);
    this.#checker = new SubscriptionChecker(options, this.#hooks);
  }

  async list(principal: Principal, integrationId: string): Promise<SubscriptionList> {
    const integration = this.#options.catalog.get(integrationId);
    const records = await this.#options.store.subscriptions.list(principal.workspaceId, integration.id);
    const usage = await this.#usage.countBySubscription(
      principal.workspaceId,
      records.map((record) => record.id),
    );
    const credentials = await this.#credentialsOf(principal, records);
    return {
      items: records.map((record) =>
        this.#view(
          record,
          integration,
          usage.get(record.id) ?? 0,
          credentials.get(record.credentialId ?? ''),
        ),
      ),
      limit: SUBSCRIPTION_LIMIT,
    };
  }

  async get(principal: Principal, id: string): Promise<SubscriptionView> {
    return this.#answer(principal, await this.#record(principal, id));
  }

  /**
   * Renames or edits; secrets sent back masked (or left out) keep their stored value. Manual
   * subscriptions edit their properties; automatic ones their parameters and (api-key)
   * credentials, which rebuilds the external webhook at the same endpoint URL.
   */
  async update(principal: Principal, id: string, patch: SubscriptionPatch): Promise<SubscriptionView> {
    const { store, catalog, clock, events } = this.#options;
    const record = await this.#record(principal, id);
    const integration = catalog.get(record.integration);
    refuseFixedFields(record, integration, patch);
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
      secrets: this.#hooks.secrets,
      stored: record,
      patch: {
        ...(patch.parameters ? { parameters: patch.parameters } : {}),
        ...(patch.properties ? { properties: patch.properties } : {}),
        ...(patch.credentials ? { credentials: patch.credentials } : {}),
      },
    });
    let updated: SubscriptionRecord | undefined;
    if (record.method === 'manual') {
      updated = await store.subscriptions.update(principal.workspaceId, id, {
        name,
        parameters: fields.parameters,
        properties: fields.properties,
        updatedAt: new Date(clock.now()),
      });
    } else if (this.#externalChange(record, fields)) {
      updated = await this.#checker.leased(record, () =>
        rebuildAutomatic({ options: this.#options, hooks: this.#hooks, record, integration, name, fields }),
      );
    } else {
      // Properties of automatic subscriptions are the integration's: only the name changes here.
      updated = await store.subscriptions.update(principal.workspaceId, id, {
        name,
        updatedAt: new Date(clock.now()),
      });
    }
    if (!updated) throw new NotFoundError('subscription', id);
    events.emit('endpoint.changed', { endpointId: id });
    return this.#answer(principal, updated, reveal);
  }

  /**
   * Deletes a subscription. An automatic one first removes its webhook from the external system;
   * if that fails the subscription stays (502), unless `force` deletes it here anyway.
   */
  async delete(principal: Principal, id: string, options: { readonly force?: boolean } = {}): Promise<void> {
    const record = await this.#record(principal, id);
    const force = options.force === true;
    if (record.method !== 'manual') {
      const remove = () =>
        removeExternalWebhook({ options: this.#options, hooks: this.#hooks, record, force });
      // Forced: the user insists; a check still running removes what it re-creates (see the checker).
      if (force) await remove();
      else await this.#checker.leased(record, remove);
    }
    const deleted = await this.#options.store.subscriptions.delete(principal.workspaceId, id);
    if (!deleted) throw new NotFoundError('subscription', id);
    this.#options.events.emit('endpoint.changed', { endpointId: id });
    this.#options.logger.info(
      { subscriptionId: id, workspaceId: principal.workspaceId, integration: record.integration },
      'subscription deleted',
    );
  }

  /** Runs the self-healing check of an automatic subscription now, and answers how it left it. */
  async checkNow(principal: Principal, id: string): Promise<SubscriptionView> {
    const record = await this.#record(principal, id);
    if (record.method === 'manual') {
      throw new ValidationError(
        `subscription "${id}" uses the manual method: its webhook was set up by hand, so there is nothing to check; send a test delivery and look at its request logs instead`,
      );
    }
    const checked = await this.#checker.leased(record, () => this.#checker.check(record));
    if (!checked) throw new NotFoundError('subscription', id);
    return this.#answer(principal, checked);
  }

  /** Whether a patch changes what the external webhook was made from. */
  #externalChange(
    record: SubscriptionRecord,
    fields: { readonly parameters: SubscriptionRecord['parameters']; readonly credentials: string | null },
  ): boolean {
    const secrets = this.#hooks.secrets;
    return (
      !sameJson(secrets.open(record.parameters), secrets.open(fields.parameters)) ||
      !sameJson(secrets.openCredentials(record.credentials), secrets.openCredentials(fields.credentials))
    );
  }

  async #record(principal: Principal, id: string): Promise<SubscriptionRecord> {
    const record = await this.#options.store.subscriptions.get(principal.workspaceId, id);
    if (!record) throw new NotFoundError('subscription', id);
    return record;
  }

  async #answer(
    principal: Principal,
    record: SubscriptionRecord,
    reveal?: ReadonlySet<string>,
  ): Promise<SubscriptionView> {
    const usage = await this.#usage.countBySubscription(principal.workspaceId, [record.id]);
    return this.#view(
      record,
      this.#options.catalog.find(record.integration),
      usage.get(record.id) ?? 0,
      await this.#hooks.credentials.saved(record),
      reveal,
    );
  }

  /** The saved credentials the records use, by id, read once each. */
  async #credentialsOf(
    principal: Principal,
    records: readonly SubscriptionRecord[],
  ): Promise<Map<string, CredentialRecord>> {
    const ids = [...new Set(records.flatMap((record) => (record.credentialId ? [record.credentialId] : [])))];
    const found = await Promise.all(
      ids.map((id) => this.#options.store.credentials.get(principal.workspaceId, id)),
    );
    return new Map(found.flatMap((credential) => (credential ? [[credential.id, credential] as const] : [])));
  }

  #view(
    record: SubscriptionRecord,
    integration: Integration | undefined,
    workflowsInUse: number,
    credential: CredentialRecord | undefined,
    reveal?: ReadonlySet<string>,
  ): SubscriptionView {
    return toSubscriptionView({
      record,
      integration,
      secrets: this.#hooks.secrets,
      triggerUrl: this.#options.config.triggerUrl,
      workflowsInUse,
      credential,
      ...(reveal ? { reveal } : {}),
    });
  }
}

/** Fields a method does not let the user change, refused with what to do instead. */
function refuseFixedFields(
  record: SubscriptionRecord,
  integration: Integration,
  patch: SubscriptionPatch,
): void {
  if (record.method !== 'manual' && patch.properties !== undefined) {
    throw new ValidationError(
      `subscription "${record.id}" uses the ${record.method} method: its properties (such as the webhook id and secret) come from ${integration.name}; change its parameters${record.method === 'api-key' ? ' or credentials' : ''} instead and the webhook is rebuilt`,
    );
  }
  if (record.method === 'oauth' && patch.credentials !== undefined) {
    throw new ValidationError(
      `subscription "${record.id}" uses the oauth method: its credentials come from authorizing ${integration.name}, not from a PATCH; authorize instead`,
    );
  }
}

/** Equal values, whatever the order of their keys. */
function sameJson(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>): boolean {
  const canonical = (values: Readonly<Record<string, unknown>>) =>
    JSON.stringify(Object.entries(values).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
  return canonical(a) === canonical(b);
}
