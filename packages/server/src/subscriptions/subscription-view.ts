import type { ParameterValue, SubscriptionMethod } from '@tripline/sdk';
import type { SubscriptionRecord, SubscriptionStatus } from '../store/records.js';
import type { ViewInput } from './builder-view.js';
import { type CredentialSummary, toCredentialSummary } from './credential-summary.js';
import { endpointUrl } from './subscription-services-options.js';

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
  const { record, integration, secrets } = input;
  return {
    id: record.id,
    name: record.name,
    integration: record.integration,
    method: record.method,
    endpoint: endpointUrl(input.triggerUrl, record.id),
    parameters: secrets.mask(integration?.subscription.constructorParameters ?? [], record.parameters),
    properties: secrets.mask(integration?.subscription.properties ?? [], record.properties, input.reveal),
    hasCredentials: record.credentials !== null || input.credential !== undefined,
    credential: toCredentialSummary(input.credential),
    workflowsInUse: input.workflowsInUse,
    status: record.status,
    statusReason: record.statusReason,
    expiresAt: record.expiresAt?.toISOString() ?? null,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
