/**
 * The integration catalog as the API answers it (GET /integrations, GET /integrations/{id}).
 * Written out here because the console talks to the server only over HTTP.
 */
import type { Parameter } from './parameter-types.js';

export type SubscriptionMethod = 'manual' | 'api-key' | 'oauth';

export interface EventSummary {
  readonly name: string;
  readonly label: string;
  readonly description: string;
}

/** An event with its filter parameters. */
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
