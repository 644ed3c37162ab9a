import type { Integration, ParameterDefinition, ParameterValues, SubscriptionMethod } from '@tripline/sdk';
import { SUBSCRIPTION_METHODS } from '@tripline/sdk';
import { HttpError, NotFoundError, ValidationError } from '../domain/errors.js';
import { newId } from '../domain/ids.js';
import {
  listRequestLogs,
  type RequestLogPage,
  type RequestLogPageQuery,
} from '../request-logs/list-request-logs.js';
import type { BuilderRecord, Principal } from '../store/records.js';
import { buildSubscription } from './builder-build.js';
import { listParameterOptions, type ParameterOptions, verifyCredentials } from './builder-lookups.js';
import { type BuilderView, toBuilderView } from './builder-view.js';
import { editableFields, type FieldPatch, patchFields } from './field-patch.js';
import { IntegrationHooks } from './integration-hooks.js';
import { checkName, checkNameFree } from './subscription-naming.js';
import { BUILDER_TTL_MS, type SubscriptionServicesOptions } from './subscription-services-options.js';
import type { SubscriptionView } from './subscription-view.js';

export interface BuilderPatch extends FieldPatch {
  readonly name?: string;
}

/**
 * Subscription builders: a subscription being set up. Its endpoint answers and logs requests from
 * the moment it is created, so the user can paste the URL into the external system and test it
 * before `build` turns it into a subscription with the same id and URL. Automatic builders
 * (`api-key`, `oauth`) check their credentials, list dynamic choices and create the external
 * webhook at build.
 */
export class BuilderService {
  readonly #options: SubscriptionServicesOptions;
  readonly #hooks: IntegrationHooks;
  /** Builds running in this process, by builder id: a second one waits for the first. */
  readonly #building = new Map<string, Promise<unknown>>();

  constructor(options: SubscriptionServicesOptions) {
    this.#options = options;
    this.#hooks = new IntegrationHooks(options);
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
      secrets: this.#hooks.secrets,
      stored: { parameters: {}, properties: {}, credentials: null },
      patch: { parameters: defaults(editable.parameters), properties: defaults(editable.properties) },
    });
    // An authorization the workspace saved once serves its later subscriptions too.
    const saved =
      input.method === 'oauth'
        ? await store.credentials.latestActive(principal.workspaceId, integration.id)
        : undefined;
    const now = clock.now();
    const record: BuilderRecord = {
      id: newId(),
      workspaceId: principal.workspaceId,
      integration: integration.id,
      method: input.method,
      name,
      ...fields,
      credentialId: saved?.id ?? null,
      createdBy: principal.memberId,
      createdAt: new Date(now),
      expiresAt: new Date(now + BUILDER_TTL_MS),
      buildStartedAt: null,
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
    if (record.method === 'oauth' && patch.credentials !== undefined) {
      throw new ValidationError(
        `subscription builder "${id}" uses the oauth method: its credentials come from authorizing ${integration.name}, not from a PATCH; authorize instead with POST /api/v1/subscription-builders/${id}/oauth/authorize`,
      );
    }
    const name = patch.name === undefined ? record.name : checkName(patch.name);
    if (name !== null && name !== record.name)
      await checkNameFree({ store, workspaceId: principal.workspaceId, integration: integration.id, name });
    const { fields, reveal } = patchFields({
      integration,
      method: record.method,
      secrets: this.#hooks.secrets,
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

  /**
   * Turns the builder into a subscription with the same id and endpoint. Builds of one builder in
   * this process run one after the other (a double click): the second then finds it built.
   */
  async build(principal: Principal, id: string): Promise<SubscriptionView> {
    const before = this.#building.get(id);
    const run = (before ?? Promise.resolve()).catch(() => undefined).then(() => this.#build(principal, id));
    this.#building.set(id, run);
    try {
      return await run;
    } finally {
      if (this.#building.get(id) === run) this.#building.delete(id);
    }
  }

  async #build(principal: Principal, id: string): Promise<SubscriptionView> {
    const builder = await this.#buildable(principal, id);
    return buildSubscription({ options: this.#options, hooks: this.#hooks, principal, builder });
  }

  /**
   * Checks the builder's credentials with the external system: api-key ones as set on the
   * builder, oauth ones as saved when the workspace authorized.
   */
  async verify(principal: Principal, id: string): Promise<{ readonly ok: true }> {
    const builder = await this.#live(principal, id);
    const integration = this.#options.catalog.get(builder.integration);
    return verifyCredentials({ hooks: this.#hooks, builder, integration });
  }

  /** The choices of a dynamic-select constructor parameter, as the external system lists them. */
  async parameterOptions(principal: Principal, id: string, parameter: string): Promise<ParameterOptions> {
    const builder = await this.#live(principal, id);
    const integration = this.#options.catalog.get(builder.integration);
    return listParameterOptions({ hooks: this.#hooks, builder, integration, parameter });
  }

  /**
   * The builder to build, kept alive for another full term: the external call can take a while,
   * and expiring (and being cleaned up) under it would undo the webhook it just created. A builder
   * already built says where its subscription is.
   */
  async #buildable(principal: Principal, id: string): Promise<BuilderRecord> {
    const { store, clock } = this.#options;
    try {
      await this.#live(principal, id);
    } catch (error) {
      if (error instanceof NotFoundError && (await store.subscriptions.get(principal.workspaceId, id))) {
        throw new HttpError(
          404,
          'not_found',
          `subscription builder "${id}" was built already: its subscription is GET /api/v1/subscriptions/${id}`,
        );
      }
      throw error;
    }
    const kept = await store.builders.update(principal.workspaceId, id, {
      expiresAt: new Date(clock.now() + BUILDER_TTL_MS),
    });
    if (!kept) throw new NotFoundError('subscription builder', id);
    return kept;
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

  async #view(
    record: BuilderRecord,
    integration: Integration | undefined,
    reveal?: ReadonlySet<string>,
  ): Promise<BuilderView> {
    return toBuilderView({
      record,
      integration,
      secrets: this.#hooks.secrets,
      triggerUrl: this.#options.config.triggerUrl,
      credential: await this.#hooks.credentials.saved(record),
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
