import type { Integration, ParameterValue, SubscriptionMethod } from '@tripline/sdk';
import type { BuilderRecord } from '../store/records.js';
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
    hasCredentials: record.credentials !== null,
    expiresAt: record.expiresAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
  };
}
