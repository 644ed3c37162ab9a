import type { Integration, ParameterValue } from '@tripline/sdk';
import type { BuilderRecord, CredentialRecord, SubscriptionRecord } from '../store/records.js';
import { type CredentialSummary, toCredentialSummary } from './credential-summary.js';
import type { SecretProperties } from './secret-properties.js';
import { endpointUrl } from './subscription-services-options.js';

/** What turning a builder or subscription record into its view needs. */
export interface ViewInput<R> {
  readonly record: R;
  readonly integration: Integration | undefined;
  readonly secrets: SecretProperties;
  readonly triggerUrl: string;
  /** Secret properties shown in clear in this one answer. */
  readonly reveal?: ReadonlySet<string>;
  /** oauth: the saved credential the record points at (shown without its tokens). */
  readonly credential?: CredentialRecord | undefined;
}

/** The parts of a builder or subscription record its view shows the same way. */
export type EndpointRecord = Pick<
  BuilderRecord | SubscriptionRecord,
  'id' | 'parameters' | 'properties' | 'credentials'
>;

/** The view fields builders and subscriptions share: where events arrive, and what was set. */
export interface EndpointViewFields {
  readonly endpoint: string;
  readonly parameters: Record<string, ParameterValue>;
  readonly properties: Record<string, ParameterValue>;
  readonly hasCredentials: boolean;
  readonly credential: CredentialSummary | null;
}

/**
 * The endpoint URL, the parameters and properties with their secrets masked (unless revealed),
 * and the credentials only as "some are set" plus the saved credential's summary.
 */
export function toEndpointViewFields(input: ViewInput<EndpointRecord>): EndpointViewFields {
  const { record, integration, secrets } = input;
  return {
    endpoint: endpointUrl(input.triggerUrl, record.id),
    parameters: secrets.mask(integration?.subscription.constructorParameters ?? [], record.parameters),
    properties: secrets.mask(integration?.subscription.properties ?? [], record.properties, input.reveal),
    hasCredentials: record.credentials !== null || input.credential !== undefined,
    credential: toCredentialSummary(input.credential),
  };
}
