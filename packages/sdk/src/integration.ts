import type { Clock } from './clock.js';
import type { IntegrationContext } from './context.js';
import type { EventDefinition, ParsedEvent } from './events.js';
import type { JsonSchema } from './json-schema.js';
import type { ParameterDefinition, ParameterOption, ParameterValues } from './parameters.js';
import type { HttpAnswer, RawRequest } from './raw-request.js';

export type SubscriptionMethod = 'manual' | 'api-key' | 'oauth';
export const SUBSCRIPTION_METHODS: readonly SubscriptionMethod[] = ['manual', 'api-key', 'oauth'];

/** Outcome of checking a request's signature. `status` defaults to 401. */
export type VerifyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: string; readonly status?: number };

/** Outcome of reading a verified request into events. */
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

export interface VerifyInput {
  readonly request: RawRequest;
  /** The subscription's properties with secrets in clear, e.g. `webhook_secret`. */
  readonly properties: ParameterValues;
  readonly clock: Clock;
}

export interface SubscribeInput {
  readonly endpointUrl: string;
  readonly parameters: ParameterValues;
  readonly credentials: ParameterValues;
  readonly context: IntegrationContext;
}

/** What creating the external webhook produced: stored as the subscription's properties. */
export interface SubscribeResult {
  readonly properties: ParameterValues;
  /** When the external subscription lapses and needs `refresh`; omitted for ones that don't. */
  readonly expiresAt?: Date;
}

export interface ExistingSubscriptionInput {
  readonly endpointUrl: string;
  readonly parameters: ParameterValues;
  readonly properties: ParameterValues;
  readonly credentials: ParameterValues;
  readonly context: IntegrationContext;
}

export interface OAuthSpec {
  readonly scopes: readonly string[];
  /** Whether the provider accepts PKCE (`code_challenge`, S256). */
  readonly pkce: boolean;
  /** Fields of the OAuth client a workspace registers (usually client_id, client_secret). */
  readonly clientParameters: readonly ParameterDefinition[];
}

export interface OAuthTokens {
  readonly credentials: ParameterValues;
  readonly expiresAt?: Date;
}

export interface OAuthHooks {
  authorizationUrl(input: {
    readonly client: ParameterValues;
    readonly redirectUri: string;
    readonly state: string;
    readonly codeChallenge?: string;
    readonly context: IntegrationContext;
  }): string;
  exchangeCode(input: {
    readonly client: ParameterValues;
    readonly redirectUri: string;
    readonly code: string;
    readonly codeVerifier?: string;
    readonly context: IntegrationContext;
  }): Promise<OAuthTokens>;
  refreshCredentials?(input: {
    readonly client: ParameterValues;
    readonly credentials: ParameterValues;
    readonly context: IntegrationContext;
  }): Promise<OAuthTokens>;
}

/** How subscriptions to this integration are made, and the fields each way needs. */
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

/** A configuration value the integration reads from the environment (e.g. an API base URL). */
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
  subscribe?(input: SubscribeInput): Promise<SubscribeResult>;
  unsubscribe?(input: ExistingSubscriptionInput): Promise<void>;
  refresh?(input: ExistingSubscriptionInput): Promise<SubscribeResult>;
  readonly oauth?: OAuthHooks;
}

/** What `defineIntegration` takes: events as a list, the rest as in {@link Integration}. */
export type IntegrationDefinition<E extends string> = Omit<
  Integration<E>,
  'events' | 'settings' | 'subscription'
> & {
  readonly events: readonly EventDefinition<E>[];
  readonly settings?: readonly IntegrationSetting[];
  readonly subscription: Partial<SubscriptionSpec> & Pick<SubscriptionSpec, 'methods'>;
};

export type { JsonSchema };
