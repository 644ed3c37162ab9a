import type { Integration, ParameterDefinition, ParameterValues, SubscriptionMethod } from '@tripline/sdk';
import { SUBSCRIPTION_METHODS } from '@tripline/sdk';
import { HttpError, NotFoundError, ValidationError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import {
  listRequestLogs,
  type RequestLogPage,
  type RequestLogPageQuery,
} from '../request-logs/list-request-logs.js';
import type { BuilderRecord, Principal, SubscriptionRecord } from '../store/records.js';
import { type BuilderView, toBuilderView } from './builder-view.js';
import { editableFields, type FieldPatch, patchFields } from './field-patch.js';
import { missingRequired } from './parameter-validation.js';
import { SecretProperties } from './secret-properties.js';
import { checkName, checkNameFree, createWithName } from './subscription-naming.js';
import {
  BUILDER_TTL_MS,
  SUBSCRIPTION_LIMIT,
  type SubscriptionServicesOptions,
} from './subscription-services-options.js';
import { type SubscriptionView, toSubscriptionView } from './subscription-view.js';

export interface BuilderPatch extends FieldPatch {
  readonly name?: string;
}

/**
 * Subscription builders: a subscription being set up. Its endpoint answers and logs requests from
 * the moment it is created, so the user can paste the URL into the external system and test it
 * before `build` turns it into a subscription with the same id and URL.
 */
export class BuilderService {
  readonly #options: SubscriptionServicesOptions;
  readonly #secrets: SecretProperties;

  constructor(options: SubscriptionServicesOptions) {
    this.#options = options;
    this.#secrets = new SecretProperties(options.secretBox);
  }

  async create(
    principal: Principal,
    integrationId: string,
    input: { readonly method: SubscriptionMethod; readonly name?: string },
  ): Promise<BuilderView> {
    const { store, catalog, clock } = this.#options;
    const integration = catalog.get(integrationId);
    checkMethod(integration, input.method);
    const name = input.name === undefined ? null : checkName(input.name);
    const editable = editableFields(integration, input.method);
    if (name !== null)
      await checkNameFree({ store, workspaceId: principal.workspaceId, integration: integration.id, name });
    const { fields, reveal } = patchFields({
      integration,
      method: input.method,
      secrets: this.#secrets,
      stored: { parameters: {}, properties: {}, credentials: null },
      patch: { parameters: defaults(editable.parameters), properties: defaults(editable.properties) },
    });
    const now = clock.now();
    const record: BuilderRecord = {
      id: newId(),
      workspaceId: principal.workspaceId,
      integration: integration.id,
      method: input.method,
      name,
      ...fields,
      createdBy: principal.memberId,
      createdAt: new Date(now),
      expiresAt: new Date(now + BUILDER_TTL_MS),
    };
    await store.builders.insert(record);
    this.#options.events.emit('endpoint.changed', { endpointId: record.id });
    return this.#view(record, integration, reveal);
  }

  async get(principal: Principal, id: string): Promise<BuilderView> {
    const record = await this.#live(principal, id);
    return this.#view(record, this.#options.catalog.find(record.integration));
  }

  /** Edits a builder; activity keeps it alive for another {@link BUILDER_TTL_MS}. */
  async patch(principal: Principal, id: string, patch: BuilderPatch): Promise<BuilderView> {
    const { store, catalog, clock } = this.#options;
    const record = await this.#live(principal, id);
    const integration = catalog.get(record.integration);
    const name = patch.name === undefined ? record.name : checkName(patch.name);
    if (name !== null && name !== record.name)
      await checkNameFree({ store, workspaceId: principal.workspaceId, integration: integration.id, name });
    const { fields, reveal } = patchFields({
      integration,
      method: record.method,
      secrets: this.#secrets,
      stored: record,
      patch,
    });
    const updated = await store.builders.update(principal.workspaceId, id, {
      name,
      ...fields,
      expiresAt: new Date(clock.now() + BUILDER_TTL_MS),
    });
    if (!updated) throw new NotFoundError('subscription builder', id);
    this.#options.events.emit('endpoint.changed', { endpointId: id });
    return this.#view(updated, integration, reveal);
  }

  /** The requests the builder's endpoint received so far, newest first. */
  async logs(principal: Principal, id: string, query: RequestLogPageQuery): Promise<RequestLogPage> {
    await this.#live(principal, id);
    return listRequestLogs(this.#options.store, {
      workspaceId: principal.workspaceId,
      endpointId: id,
      ...query,
    });
  }

  /** Turns the builder into a subscription with the same id and endpoint. */
  async build(principal: Principal, id: string): Promise<SubscriptionView> {
    const { store, catalog, clock } = this.#options;
    const record = await this.#live(principal, id);
    const integration = catalog.get(record.integration);
    const fields = editableFields(integration, record.method);
    const missing = [
      ...missingRequired('parameters', fields.parameters, record.parameters),
      ...missingRequired('properties', fields.properties, record.properties),
      ...missingRequired(
        'credentials',
        fields.credentials,
        this.#secrets.openCredentials(record.credentials),
      ),
    ];
    if (missing.length > 0) {
      throw new ValidationError(
        `subscription builder "${id}" is missing required fields: ${missing.join(', ')}`,
      );
    }
    if (record.method !== 'manual') {
      throw new HttpError(
        501,
        'not_implemented',
        `building ${record.method} subscriptions is not supported yet; create a builder with method "manual"`,
      );
    }
    const now = new Date(clock.now());
    const subscription = await createWithName({
      store,
      integration,
      workspaceId: principal.workspaceId,
      chosenName: record.name,
      limit: SUBSCRIPTION_LIMIT,
      create: (name) => {
        const candidate: SubscriptionRecord = {
          id: record.id,
          workspaceId: record.workspaceId,
          integration: record.integration,
          name,
          method: record.method,
          parameters: record.parameters,
          properties: record.properties,
          credentials: record.credentials,
          status: 'active',
          statusReason: null,
          expiresAt: null,
          createdBy: principal.memberId,
          createdAt: now,
          updatedAt: now,
        };
        return store.subscriptions.createFromBuilder({
          builderId: id,
          subscription: candidate,
          limit: SUBSCRIPTION_LIMIT,
        });
      },
    });
    this.#options.events.emit('endpoint.changed', { endpointId: id });
    this.#options.logger.info(
      { subscriptionId: id, integration: integration.id, workspaceId: principal.workspaceId },
      'subscription built',
    );
    return toSubscriptionView({
      record: subscription,
      integration,
      secrets: this.#secrets,
      triggerUrl: this.#options.config.triggerUrl,
      workflowsInUse: 0,
    });
  }

  /** The builder if it is this workspace's and has not expired. */
  async #live(principal: Principal, id: string): Promise<BuilderRecord> {
    const record = await this.#options.store.builders.get(principal.workspaceId, id);
    if (!record) throw new NotFoundError('subscription builder', id);
    if (record.expiresAt.getTime() <= this.#options.clock.now()) {
      throw new HttpError(
        410,
        'builder_expired',
        `subscription builder "${id}" expired at ${record.expiresAt.toISOString()}: builders expire 30 minutes after their last change; create a new one`,
      );
    }
    return record;
  }

  #view(
    record: BuilderRecord,
    integration: Integration | undefined,
    reveal?: ReadonlySet<string>,
  ): BuilderView {
    return toBuilderView({
      record,
      integration,
      secrets: this.#secrets,
      triggerUrl: this.#options.config.triggerUrl,
      ...(reveal ? { reveal } : {}),
    });
  }
}

function checkMethod(integration: Integration, method: SubscriptionMethod): void {
  const supported = integration.subscription.methods.filter(
    (candidate) => candidate === 'manual' || integration.subscribe !== undefined,
  );
  if (!SUBSCRIPTION_METHODS.includes(method) || !supported.includes(method)) {
    throw new ValidationError(
      `integration "${integration.id}" does not support the subscription method "${method}"; supported: ${supported.join(', ')}`,
    );
  }
}

/** Declared defaults, so a new builder starts as the integration suggests. */
function defaults(definitions: readonly ParameterDefinition[]): ParameterValues {
  return Object.fromEntries(
    definitions.flatMap((definition) =>
      definition.default === undefined ? [] : [[definition.name, definition.default]],
    ),
  );
}
