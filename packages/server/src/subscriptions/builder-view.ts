import type { ParameterValue, SubscriptionMethod } from '@tripline/sdk';
import type { BuilderRecord } from '../store/records.js';
import type { CredentialSummary } from './credential-summary.js';
import { toEndpointViewFields, type ViewInput } from './endpoint-view-fields.js';

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

export function toBuilderView(input: ViewInput<BuilderRecord>): BuilderView {
  const { record } = input;
  return {
    id: record.id,
    integration: record.integration,
    method: record.method,
    name: record.name,
    ...toEndpointViewFields(input),
    expiresAt: record.expiresAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
  };
}
