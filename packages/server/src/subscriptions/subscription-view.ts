import type { ParameterValue, SubscriptionMethod } from '@tripline/sdk';
import type { SubscriptionRecord, SubscriptionStatus } from '../store/records.js';
import type { CredentialSummary } from './credential-summary.js';
import { toEndpointViewFields, type ViewInput } from './endpoint-view-fields.js';

/** A subscription as the API shows it. */
export interface SubscriptionView {
  readonly id: string;
  readonly name: string;
  readonly integration: string;
  readonly method: SubscriptionMethod;
  readonly endpoint: string;
  readonly parameters: Record<string, ParameterValue>;
  readonly properties: Record<string, ParameterValue>;
  /** Credentials are never shown, only whether some are set. */
  readonly hasCredentials: boolean;
  /** oauth: the workspace's saved authorization this subscription uses, or null. */
  readonly credential: CredentialSummary | null;
  readonly workflowsInUse: number;
  readonly status: SubscriptionStatus;
  readonly statusReason: string | null;
  readonly expiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function toSubscriptionView(
  input: ViewInput<SubscriptionRecord> & { readonly workflowsInUse: number },
): SubscriptionView {
  const { record } = input;
  return {
    id: record.id,
    name: record.name,
    integration: record.integration,
    method: record.method,
    ...toEndpointViewFields(input),
    workflowsInUse: input.workflowsInUse,
    status: record.status,
    statusReason: record.statusReason,
    expiresAt: record.expiresAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
