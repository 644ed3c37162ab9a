import type { Clock } from './clock.js';
import type { IntegrationContext } from './context.js';
import type { EventDefinition, ParsedEvent } from './events.js';
import type { JsonSchema } from './json-schema.js';
import type { OAuthHooks, OAuthSpec } from './oauth-hooks.js';
import type { ParameterDefinition, ParameterOption, ParameterValues } from './parameters.js';
import type { HttpAnswer, RawRequest } from './raw-request.js';

/**
 * How a subscription is made: `manual` (the user pastes the endpoint into the sender), `api-key`
 * and `oauth` (the integration creates the webhook itself).
 *
 * @example
 * const method: SubscriptionMethod = 'api-key';
 */
export type SubscriptionMethod = 'manual' | 'api-key' | 'oauth';

/**
 * Every subscription method, in the order the console offers them.
 *
 * @example
 * SUBSCRIPTION_METHODS.includes(body.method);
 */
export const SUBSCRIPTION_METHODS: readonly SubscriptionMethod[] = ['manual', 'api-key', 'oauth'];

/**
 * Outcome of checking a request's signature. `status` defaults to 401.
 *
 * @example
 * const refused: VerifyResult = { ok: false, reason: 'missing x-hub-signature-256 header' };
 */
export type VerifyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly status?: number };

/**
 * Outcome of reading a verified request into events.
 *
 * @example
 * const parsed: ParseResult<'push'> = {
 *   ok: true, deliveryId: '72d3162e', events: [{ name: 'push', payload }], response: { status: 200 },
 * };
 */
export type ParseResult<E extends string = string> =
  | {
      readonly ok: true;
      /** The sender's id for this delivery (GitHub's `X-GitHub-Delivery`): repeats are answered once. */
      readonly deliveryId?: string;
      /** Empty for requests that start nothing, such as GitHub's `ping`. */
      readonly events: readonly ParsedEvent<E>[];
      readonly response: HttpAnswer;
    }
  | {
      readonly ok: false;
      /** 400 for a body that can't be read, 415 for a content type the integration doesn't take. */
      readonly status: 400 | 415;
      readonly reason: string;
    };

/**
 * What `verify` receives: the raw request, the subscription's properties and the clock.
 *
 * @example
 * integration.verify({ request, properties: { webhook_secret: 's3cret' }, clock: systemClock });
 */
export interface VerifyInput {
  readonly request: RawRequest;
  /** The subscription's properties with secrets in clear, e.g. `webhook_secret`. */
  readonly properties: ParameterValues;
  readonly clock: Clock;
}

/**
 * What `subscribe` receives to create the webhook in the external system.
 *
 * @example
 * async function subscribe({ endpointUrl, parameters, credentials, context }: SubscribeInput): Promise<SubscribeResult> {
 *   const hook = await createHook(context.http, { url: endpointUrl, repository: parameters.repository, token: credentials.access_token });
 *   return { properties: { external_id: String(hook.id), webhook_secret: hook.secret } };
 * }
 */
export interface SubscribeInput {
  readonly endpointUrl: string;
  readonly parameters: ParameterValues;
  readonly credentials: ParameterValues;
  readonly context: IntegrationContext;
}

/**
 * What creating the external webhook produced: stored as the subscription's properties.
 *
 * @example
 * const result: SubscribeResult = { properties: { external_id: '42', webhook_secret: secret } };
 */
export interface SubscribeResult {
  readonly properties: ParameterValues;
  /** When the external subscription lapses and needs `refresh`; omitted for ones that don't. */
  readonly expiresAt?: Date;
}

/**
 * What `unsubscribe` and `refresh` receive: everything known about a subscription that exists.
 * `properties` are what `subscribe` returned, with one exception: `unsubscribe` is also called for a
 * build that may have created the webhook but never stored them (the process died in between), and
 * then `properties` is empty. The webhook to remove is then the one that delivers to `endpointUrl`
 * (unique to the endpoint); none found means there is nothing to remove.
 *
 * @example
 * async function unsubscribe({ endpointUrl, properties, credentials, context }: ExistingSubscriptionInput): Promise<void> {
 *   const id = properties.external_id ?? (await findHookByUrl(context, credentials, endpointUrl))?.id;
 *   if (id !== undefined) await context.http(`${apiUrl}/hooks/${id}`, { method: 'DELETE', headers: auth(credentials) });
 * }
 */
export interface ExistingSubscriptionInput {
  readonly endpointUrl: string;
  readonly parameters: ParameterValues;
  readonly properties: ParameterValues;
  readonly credentials: ParameterValues;
  readonly context: IntegrationContext;
}

/**
 * What `inspectWebhook` found when it looked at the external webhook of a subscription.
 * - healthy: it exists, is active and delivers to our endpoint with the events we asked for
 * - missing: deleted on the other side; the server creates it again
 * - drifted: it exists but was changed (URL, events, disabled); the server makes it right again
 *
 * @example
 * const found: ExternalWebhookHealth = { state: 'missing', reason: 'hook 42 no longer exists on octo/repo' };
 */
export type ExternalWebhookHealth =
  | { readonly state: 'healthy' }
  | { readonly state: 'missing'; readonly reason: string }
  | { readonly state: 'drifted'; readonly reason: string };

/**
 * How subscriptions to this integration are made, and the fields each way needs.
 *
 * @example
 * const spec: SubscriptionSpec = {
 *   methods: ['manual'], constructorParameters: [], credentials: [],
 *   properties: [{ name: 'webhook_secret', label: 'Webhook secret', type: 'secret' }],
 * };
 */
export interface SubscriptionSpec {
  readonly methods: readonly SubscriptionMethod[];
  /** Stored on every subscription (e.g. `webhook_secret`); `secret` ones are encrypted and masked. */
  readonly properties: readonly ParameterDefinition[];
  /** Automatic methods: what the user picks before the external webhook is created (repository, events). */
  readonly constructorParameters: readonly ParameterDefinition[];
  /** The `api-key` method's credentials (e.g. `access_token`). */
  readonly credentials: readonly ParameterDefinition[];
  readonly oauth?: OAuthSpec;
}

/**
 * A configuration value the integration reads from the environment (e.g. an API base URL).
 *
 * @example
 * const apiUrl: IntegrationSetting = {
 *   name: 'api_url', env: 'TRIPLINE_GITHUB_API_URL', default: 'https://api.github.com', description: 'GitHub REST API base URL',
 * };
 */
export interface IntegrationSetting {
  readonly name: string;
  readonly env: string;
  readonly default: string;
  readonly description: string;
}

/**
 * A whole integration: a declaration plus pure hooks. The server calls `verify` then `parse` on the
 * ingress hot path, so both must be synchronous and cheap; everything that talks to the outside
 * world receives an {@link IntegrationContext}.
 *
 * @example
 * const verified = integration.verify({ request, properties, clock });
 * const parsed = verified.ok ? integration.parse(request) : undefined;
 */
export interface Integration<E extends string = string> {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** An SVG data URI or an absolute URL. */
  readonly icon: string;
  readonly settings: readonly IntegrationSetting[];
  readonly subscription: SubscriptionSpec;
  readonly events: ReadonlyMap<E, EventDefinition<E>>;

  verify(input: VerifyInput): VerifyResult;
  parse(request: RawRequest): ParseResult<E>;

  /** Fills a manual subscription's properties, e.g. generates a webhook secret the user left empty. */
  prepareManualProperties?(input: {
    readonly properties: ParameterValues;
    readonly randomSecret: () => string;
  }): ParameterValues;
  validateCredentials?(input: {
    readonly credentials: ParameterValues;
    readonly context: IntegrationContext;
  }): Promise<void>;
  parameterOptions?(input: {
    readonly parameter: string;
    readonly credentials: ParameterValues;
    readonly parameters: ParameterValues;
    readonly context: IntegrationContext;
  }): Promise<readonly ParameterOption[]>;
  /**
   * Creates the webhook, or adopts and corrects the one that points at the endpoint URL. Throw a
   * `CredentialsError` or an `IntegrationError` only when nothing was created (the external system
   * refused, or the input is wrong); an `ExternalServiceError` or any other
   * error when a webhook may exist, which the server then looks for and removes if the build is
   * never finished.
   */
  subscribe?(input: SubscribeInput): Promise<SubscribeResult>;
  unsubscribe?(input: ExistingSubscriptionInput): Promise<void>;
  refresh?(input: ExistingSubscriptionInput): Promise<SubscribeResult>;
  /**
   * Looks at the external webhook without changing it, for the self-healing check. A `missing` or
   * `drifted` answer makes the server call `subscribe` again with the same endpoint URL, which must
   * then create the webhook or adopt and correct the one that points at that URL.
   */
  inspectWebhook?(input: ExistingSubscriptionInput): Promise<ExternalWebhookHealth>;
  readonly oauth?: OAuthHooks;
}

/**
 * What `defineIntegration` takes: events as a list, the rest as in {@link Integration}.
 *
 * @example
 * const definition: IntegrationDefinition<'message'> = {
 *   id: 'echo', name: 'Echo', description: 'Accepts anything.', icon: 'data:image/svg+xml,<svg/>',
 *   subscription: { methods: ['manual'] },
 *   events: [{ name: 'message', label: 'Message', description: 'Any request.', parameters: [], outputSchema: { type: 'object' } }],
 *   verify: () => ({ ok: true }),
 *   parse: () => ({ ok: true, events: [{ name: 'message', payload: {} }], response: { status: 200 } }),
 * };
 */
export type IntegrationDefinition<E extends string> = Omit<
  Integration<E>,
  'events' | 'settings' | 'subscription'
> & {
  readonly events: readonly EventDefinition<E>[];
  readonly settings?: readonly IntegrationSetting[];
  readonly subscription: Partial<SubscriptionSpec> & Pick<SubscriptionSpec, 'methods'>;
};

export type { JsonSchema };
