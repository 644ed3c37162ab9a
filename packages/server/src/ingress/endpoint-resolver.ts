import type { Clock, Logger, ParameterValues } from '@tripline/sdk';
import { SecretBox } from '../crypto/secret-box.js';
import type { InternalEvents } from '../domain/internal-events.js';
import type { IntegrationCatalog } from '../integrations/integration-catalog.js';
import type { BuilderRecord, SubscriptionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';

/** What the ingress needs to serve an endpoint, with secret properties already opened. */
export interface ResolvedEndpoint {
  readonly kind: 'builder' | 'subscription';
  readonly id: string;
  readonly workspaceId: string;
  readonly integration: string;
  readonly properties: ParameterValues;
  /** Builders stop answering at this time (ms since the epoch); subscriptions don't expire here. */
  readonly expiresAt?: number;
}

export interface EndpointResolverOptions {
  readonly store: Pick<Store, 'subscriptions' | 'builders'>;
  readonly catalog: IntegrationCatalog;
  readonly secretBox: SecretBox;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Subscribed for 'endpoint.changed', which drops the endpoint's entry. */
  readonly events?: InternalEvents;
  /** How long an unknown id is answered from memory; a 404 flood then can't reach the database. */
  readonly missTtlMs?: number;
  /** A found endpoint is looked up again after this long, in case a change signal was lost. */
  readonly hitTtlMs?: number;
  /** Bounds both the found and the unknown entries. */
  readonly maxEntries?: number;
}

interface Entry {
  readonly endpoint: ResolvedEndpoint | undefined;
  /** After this, the entry is looked up again (ms since the epoch). */
  readonly staleAt: number;
}

/**
 * Endpoint id to endpoint, from memory: one map lookup per request whatever the number of
 * subscriptions. Misses are cached too, briefly; concurrent lookups of one id share one query.
 */
export class EndpointResolver {
  readonly #entries = new Map<string, Entry>();
  readonly #loading = new Map<string, Promise<ResolvedEndpoint | undefined>>();
  readonly #options: EndpointResolverOptions;
  readonly #missTtlMs: number;
  readonly #hitTtlMs: number;
  readonly #maxEntries: number;
  readonly #unsubscribe: (() => void) | undefined;

  constructor(options: EndpointResolverOptions) {
    this.#options = options;
    this.#missTtlMs = options.missTtlMs ?? 5_000;
    this.#hitTtlMs = options.hitTtlMs ?? 5 * 60_000;
    this.#maxEntries = options.maxEntries ?? 100_000;
    this.#unsubscribe = options.events?.on('endpoint.changed', ({ endpointId }) =>
      this.invalidate(endpointId),
    );
  }

  /**
   * The cached answer without waiting: the endpoint, `null` for a known miss, or `undefined` when
   * only {@link resolve} can tell.
   */
  peek(id: string): ResolvedEndpoint | null | undefined {
    const entry = this.#entries.get(id);
    if (entry === undefined) return undefined;
    const now = this.#options.clock.now();
    if (now >= entry.staleAt) return undefined;
    if (entry.endpoint === undefined) return null;
    const expiresAt = entry.endpoint.expiresAt;
    return expiresAt !== undefined && now >= expiresAt ? undefined : entry.endpoint;
  }

  /** The live endpoint with this id, or undefined for an unknown or expired one. */
  resolve(id: string): Promise<ResolvedEndpoint | undefined> {
    const cached = this.peek(id);
    if (cached !== undefined) return Promise.resolve(cached ?? undefined);
    const loading = this.#loading.get(id);
    if (loading !== undefined) return loading;
    const lookup: Promise<ResolvedEndpoint | undefined> = this.#find(id).then(
      (endpoint) => {
        // Only a lookup no invalidation overtook may fill the cache: it could have read a stale row.
        if (this.#loading.get(id) === lookup) {
          this.#loading.delete(id);
          this.#remember(id, endpoint);
        }
        return endpoint;
      },
      (error: unknown) => {
        if (this.#loading.get(id) === lookup) this.#loading.delete(id);
        throw error;
      },
    );
    this.#loading.set(id, lookup);
    return lookup;
  }

  /** Forgets an endpoint, e.g. after it was built, edited or deleted. */
  invalidate(id: string): void {
    this.#entries.delete(id);
    // A lookup already running may have read the old row; it must not refill the cache.
    this.#loading.delete(id);
  }

  /** Stops listening for change signals. */
  close(): void {
    this.#unsubscribe?.();
    this.#entries.clear();
  }

  async #find(id: string): Promise<ResolvedEndpoint | undefined> {
    const { store, clock } = this.#options;
    const subscription = await store.subscriptions.findById(id);
    if (subscription) return this.#fromRecord('subscription', subscription);
    const builder = await store.builders.findLive(id, new Date(clock.now()));
    return builder ? this.#fromRecord('builder', builder) : undefined;
  }

  #fromRecord(kind: 'builder', record: BuilderRecord): ResolvedEndpoint;
  #fromRecord(kind: 'subscription', record: SubscriptionRecord): ResolvedEndpoint;
  #fromRecord(kind: ResolvedEndpoint['kind'], record: BuilderRecord | SubscriptionRecord): ResolvedEndpoint {
    const base = {
      kind,
      id: record.id,
      workspaceId: record.workspaceId,
      integration: record.integration,
      properties: this.#openSecrets(record),
    };
    return kind === 'builder' && record.expiresAt ? { ...base, expiresAt: record.expiresAt.getTime() } : base;
  }

  #openSecrets(record: BuilderRecord | SubscriptionRecord): ParameterValues {
    const integration = this.#options.catalog.find(record.integration);
    if (!integration) return record.properties;
    const properties: Record<string, ParameterValues[string]> = { ...record.properties };
    for (const definition of integration.subscription.properties) {
      const value = properties[definition.name];
      if (definition.type !== 'secret' || !SecretBox.isSealed(value)) continue;
      try {
        properties[definition.name] = this.#options.secretBox.open(value);
      } catch (error) {
        // Verification will then refuse every request, which is the safe answer; say why once per load.
        delete properties[definition.name];
        this.#options.logger.error(
          { endpointId: record.id, property: definition.name, err: error },
          'cannot open a sealed endpoint property: was the secret key changed?',
        );
      }
    }
    return properties;
  }

  #remember(id: string, endpoint: ResolvedEndpoint | undefined): void {
    const now = this.#options.clock.now();
    const ttl = endpoint === undefined ? this.#missTtlMs : this.#hitTtlMs;
    if (this.#entries.size >= this.#maxEntries && !this.#entries.has(id)) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(id, { endpoint, staleAt: now + ttl });
  }
}
