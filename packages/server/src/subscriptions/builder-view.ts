import type { Integration, ParameterValue, SubscriptionMethod } from '@tripline/sdk';
import type { BuilderRecord, CredentialRecord } from '../store/records.js';
import { type CredentialSummary, toCredentialSummary } from './credential-summary.js';
import type { SecretProperties } from './secret-properties.js';
import { endpointUrl } from './subscription-services-options.js';

/** A subscription builder as the API shows it. */
export interface BuilderView {
  readonly id: string;
  readonly integration: string;
  readonly method: SubscriptionMethod;
  readonly name: string | null;
  readonly endpoint: string;
  readonly parameters: Record<string, ParameterValue>;
  readonly properties: Record<string, ParameterValue>;
  /** Credentials are never shown, only whether some are set. */
  readonly hasCredentials: boolean;
  /** oauth: the workspace's saved authorization this builder will use, or null until authorized. */
  readonly credential: CredentialSummary | null;
  readonly expiresAt: string;
  readonly createdAt: string;
}

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

export function toBuilderView(input: ViewInput<BuilderRecord>): BuilderView {
  const { record, integration, secrets } = input;
  return {
    id: record.id,
    integration: record.integration,
    method: record.method,
    name: record.name,
    endpoint: endpointUrl(input.triggerUrl, record.id),
    parameters: secrets.mask(integration?.subscription.constructorParameters ?? [], record.parameters),
    properties: secrets.mask(integration?.subscription.properties ?? [], record.properties, input.reveal),
    hasCredentials: record.credentials !== null || input.credential !== undefined,
    credential: toCredentialSummary(input.credential),
    expiresAt: record.expiresAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
  };
}
