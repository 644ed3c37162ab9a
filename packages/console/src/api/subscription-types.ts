/** Subscriptions, the builders that make them and the OAuth app they authorize through, as the API answers them. */
import type { SubscriptionMethod } from './integration-types.js';
import type { ParameterValues } from './parameter-types.js';

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
