import { MASKED_SECRET, type OAuthSpec, type ParameterValue, type ParameterValues } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import type { SecretBox } from '../crypto/secret-box.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { OAuthClientRecord, OAuthClientSource, Principal } from '../store/records.js';
import type { Store } from '../store/store.js';
import { validatePatch } from '../subscriptions/parameter-validation.js';
import { SecretProperties } from '../subscriptions/secret-properties.js';
import { missingClientFields, neededClientFields } from './oauth-client-fields.js';
import { type OAuthClientView, oauthRedirectUri } from './oauth-client-view.js';
import { type OAuthIntegration, requireOAuthIntegration } from './oauth-integration.js';
import { systemOAuthClient } from './system-oauth-clients.js';

export interface OAuthClientServiceOptions {
  readonly store: Store;
  readonly catalog: IntegrationCatalog;
  readonly secretBox: SecretBox;
  readonly clock: { now(): number };
  readonly config: Pick<Config, 'triggerUrl' | 'env'>;
}

/** A client in clear, with where it came from. */
export interface ResolvedOAuthClient {
  readonly source: OAuthClientSource;
  readonly client: ParameterValues;
}

export interface OAuthClientInput {
  readonly client: Readonly<Record<string, unknown>>;
  readonly enabled?: boolean;
}

/**
 * OAuth clients: the app a workspace registered with a provider (sealed at rest, secrets masked in
 * answers), and the instance-wide one from the environment that stands in when a workspace has
 * none or disabled its own.
 */
export class OAuthClientService {
  readonly #options: OAuthClientServiceOptions;
  readonly #secrets: SecretProperties;

  constructor(options: OAuthClientServiceOptions) {
    this.#options = options;
    this.#secrets = new SecretProperties(options.secretBox);
  }

  get redirectUri(): string {
    return oauthRedirectUri(this.#options.config.triggerUrl);
  }

  async view(principal: Principal, integrationId: string): Promise<OAuthClientView> {
    const oauth = requireOAuthIntegration(this.#options.catalog, integrationId);
    const record = await this.#options.store.oauthClients.get(principal.workspaceId, oauth.integration.id);
    return this.#toView(oauth, record);
  }

  /**
   * Creates or replaces the workspace's client. A secret sent back masked keeps the stored one;
   * `enabled` left out keeps the stored flag (a new client is enabled).
   */
  async put(principal: Principal, integrationId: string, input: OAuthClientInput): Promise<OAuthClientView> {
    const { store, clock } = this.#options;
    const oauth = requireOAuthIntegration(this.#options.catalog, integrationId);
    const stored = await store.oauthClients.get(principal.workspaceId, oauth.integration.id);
    const client = mergeMasked(oauth.spec, validateClient(oauth.spec, input.client), this.#open(stored));
    const now = new Date(clock.now());
    const record = await store.oauthClients.put({
      workspaceId: principal.workspaceId,
      integration: oauth.integration.id,
      client: this.#options.secretBox.seal(JSON.stringify(client)),
      enabled: input.enabled ?? stored?.enabled ?? true,
      createdAt: stored?.createdAt ?? now,
      updatedAt: now,
    });
    return this.#toView(oauth, record);
  }

  async delete(principal: Principal, integrationId: string): Promise<void> {
    const oauth = requireOAuthIntegration(this.#options.catalog, integrationId);
    const deleted = await this.#options.store.oauthClients.delete(
      principal.workspaceId,
      oauth.integration.id,
    );
    if (!deleted) throw new NotFoundError('OAuth client of integration', oauth.integration.id);
  }

  /** The client a new authorization uses: the workspace's when set and enabled, else the system one. */
  async effective(workspaceId: string, oauth: OAuthIntegration): Promise<ResolvedOAuthClient | undefined> {
    const record = await this.#options.store.oauthClients.get(workspaceId, oauth.integration.id);
    if (record?.enabled) return { source: 'workspace', client: this.#open(record) };
    const system = systemOAuthClient(oauth.integration, this.#options.config.env);
    return system ? { source: 'system', client: system } : undefined;
  }

  /**
   * The client that tokens of `source` were issued to, for exchanging a code or refreshing: the
   * workspace's even when disabled since (disabling only stops new authorizations), undefined when
   * it is gone.
   */
  async ofSource(
    workspaceId: string,
    oauth: OAuthIntegration,
    source: OAuthClientSource,
  ): Promise<ParameterValues | undefined> {
    if (source === 'system') return systemOAuthClient(oauth.integration, this.#options.config.env);
    const record = await this.#options.store.oauthClients.get(workspaceId, oauth.integration.id);
    return record ? this.#open(record) : undefined;
  }

  #open(record: OAuthClientRecord | undefined): ParameterValues {
    if (!record) return {};
    const parsed: unknown = JSON.parse(this.#options.secretBox.open(record.client));
    return parsed !== null && typeof parsed === 'object' ? (parsed as ParameterValues) : {};
  }

  #toView(oauth: OAuthIntegration, record: OAuthClientRecord | undefined): OAuthClientView {
    const systemClientAvailable =
      systemOAuthClient(oauth.integration, this.#options.config.env) !== undefined;
    const enabled = record?.enabled ?? false;
    return {
      integration: oauth.integration.id,
      redirectUri: this.redirectUri,
      client: record ? this.#secrets.mask(oauth.spec.clientParameters, this.#open(record)) : null,
      enabled,
      systemClientAvailable,
      effective: enabled ? 'workspace' : systemClientAvailable ? 'system' : null,
    };
  }
}

/** Names and types against the declared client fields: one 400 listing every problem. */
function validateClient(spec: OAuthSpec, client: Readonly<Record<string, unknown>>): ParameterValues {
  const checked = validatePatch('client', spec.clientParameters, client);
  const values: Record<string, ParameterValue> = {};
  for (const [name, value] of Object.entries(checked)) {
    if (value !== null && value !== undefined) values[name] = value;
  }
  return values;
}

/**
 * The client to store: a secret sent back as {@link MASKED_SECRET} keeps the stored value, which
 * must exist; every needed field must have a value.
 */
function mergeMasked(spec: OAuthSpec, given: ParameterValues, stored: ParameterValues): ParameterValues {
  const secrets = new Set(spec.clientParameters.filter((p) => p.type === 'secret').map((p) => p.name));
  const merged: Record<string, ParameterValue> = {};
  const problems: string[] = [];
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined) continue;
    if (secrets.has(name) && value === MASKED_SECRET) {
      const kept = stored[name];
      if (kept === undefined)
        problems.push(
          `client.${name} is "${MASKED_SECRET}" but no secret is stored yet; send the secret itself`,
        );
      else merged[name] = kept;
      continue;
    }
    merged[name] = value;
  }
  const missing = missingClientFields(spec, merged);
  if (missing.length > 0) {
    const needed = neededClientFields(spec).map((p) => p.name);
    problems.push(
      `client is missing ${missing.join(', ')}; an OAuth client of this integration needs ${needed.join(', ')}`,
    );
  }
  if (problems.length > 0) throw new ValidationError(problems.join('; '));
  return merged;
}
