/**
 * What a trigger node's side panel reads from the integrations API: an integration's events with
 * their filter parameters, and the workspace's subscriptions to it.
 */

export type ParameterValue = string | number | boolean | readonly string[];

/** One filter field of an event, as the integration declares it. */
export interface ParameterDefinition {
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
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  readonly multiple?: boolean;
  readonly placeholder?: string;
}

export interface IntegrationEvent {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly parameters: readonly ParameterDefinition[];
}

export interface IntegrationDetail {
  readonly id: string;
  readonly name: string;
  readonly events: readonly IntegrationEvent[];
}

export interface SubscriptionSummary {
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly status: string;
  readonly statusReason: string | null;
}

export interface SubscriptionList {
  readonly items: readonly SubscriptionSummary[];
  readonly limit: number;
}
