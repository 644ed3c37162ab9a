/**
 * The answers of the public API the integration pages read, as the server's schemas describe them
 * (GET /openapi.json). Written out here because the console talks to the server only over HTTP.
 */

export type SubscriptionMethod = 'manual' | 'api-key' | 'oauth';
export type ParameterValue = string | number | boolean | readonly string[];
export type ParameterValues = Readonly<Record<string, ParameterValue>>;

/** What the API shows instead of a secret after the one answer that revealed it. */
export const MASKED_SECRET = '********';

export interface Parameter {
  readonly name: string;
  readonly label: string;
  readonly type:
    | 'string'
    | 'number'
    | 'boolean'
    | 'secret'
    | 'select'
    | 'multi-select'
    | 'dynamic-select'
    | 'string-list';
  readonly description?: string;
  readonly required: boolean;
  readonly default?: ParameterValue;
  readonly options?: readonly ParameterOption[];
  readonly multiple?: boolean;
  readonly placeholder?: string;
}

export interface ParameterOption {
  readonly value: string;
  readonly label: string;
}

export interface EventSummary {
  readonly name: string;
  readonly label: string;
  readonly description: string;
}

export interface EventDetail extends EventSummary {
  readonly parameters: readonly Parameter[];
}

export interface Integration {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** An SVG data URI or an absolute URL. */
  readonly icon: string;
  readonly subscriptionMethods: readonly SubscriptionMethod[];
  readonly constructorParameters: readonly Parameter[];
  readonly credentialsSchema: readonly Parameter[];
  readonly propertiesSchema: readonly Parameter[];
  readonly oauth: {
    readonly scopes: readonly string[];
    readonly clientParameters: readonly Parameter[];
  } | null;
  readonly eventCount: number;
  readonly events: readonly EventSummary[];
}

export interface IntegrationDetail extends Omit<Integration, 'events'> {
  readonly events: readonly EventDetail[];
}

export type SubscriptionStatus = 'active' | 'unauthorized' | 'error';

export interface Subscription {
  readonly id: string;
  readonly name: string;
  readonly integration: string;
  readonly method: SubscriptionMethod;
  readonly endpoint: string;
  readonly parameters: ParameterValues;
  readonly properties: ParameterValues;
  readonly hasCredentials: boolean;
  readonly workflowsInUse: number;
  readonly status: SubscriptionStatus;
  readonly statusReason: string | null;
  readonly expiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface SubscriptionList {
  readonly items: readonly Subscription[];
  /** Subscriptions of one integration a workspace may have. */
  readonly limit: number;
}

export interface CredentialSummary {
  readonly id: string;
  readonly status: string;
  readonly expiresAt: string | null;
}

export interface Builder {
  readonly id: string;
  readonly integration: string;
  readonly method: SubscriptionMethod;
  readonly name: string | null;
  readonly endpoint: string;
  readonly parameters: ParameterValues;
  readonly properties: ParameterValues;
  readonly hasCredentials: boolean;
  /** oauth: the saved authorization the builder uses, or null until authorized. */
  readonly credential?: CredentialSummary | null;
  readonly expiresAt: string;
  readonly createdAt: string;
}

export interface OAuthClient {
  readonly integration: string;
  /** The callback URL to register with the provider's OAuth app. */
  readonly redirectUri: string;
  readonly client: ParameterValues | null;
  readonly enabled: boolean;
  readonly systemClientAvailable: boolean;
  readonly effective: 'workspace' | 'system' | null;
}

export const REQUEST_OUTCOMES = [
  'accepted',
  'no_events',
  'duplicate',
  'unauthorized',
  'unreadable',
  'too_large',
] as const;
export type RequestOutcome = (typeof REQUEST_OUTCOMES)[number];

export interface TriggerOutcome {
  readonly outcome: 'ran' | 'filtered_out' | 'disabled' | 'error';
  readonly workflowId: string;
  readonly nodeId: string;
  readonly runId?: string;
  readonly draft?: boolean;
  readonly reason?: string;
}

export interface EventDispatch {
  readonly index: number;
  readonly name: string;
  readonly action?: string;
  readonly outcome: 'triggered' | 'no_listener' | 'unreadable';
  readonly reason?: string;
  readonly triggers: readonly TriggerOutcome[];
}

export interface RequestLog {
  readonly id: string;
  readonly receivedAt: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string | null;
    readonly bodyEncoding: 'utf8' | 'base64';
    readonly bodySize: number;
    readonly bodyTruncated: boolean;
  };
  readonly response: {
    readonly status: number;
    readonly headers: Readonly<Record<string, string>>;
    readonly body: string;
  };
  readonly deliveryId: string | null;
  readonly events: readonly { readonly name: string; readonly action?: string }[];
  readonly outcome: RequestOutcome;
  readonly reason: string | null;
  readonly dispatchState: 'pending' | 'done' | 'none';
  readonly runs: readonly string[];
  readonly dispatch: readonly EventDispatch[];
  readonly replayOf: string | null;
}

export interface RequestLogPage {
  /** Newest first. */
  readonly items: readonly RequestLog[];
  /** Pass as `before` for the next, older page; null on the last page. */
  readonly nextCursor: string | null;
}
