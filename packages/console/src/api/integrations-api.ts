import { apiRequest } from './http.js';
import type { Integration, IntegrationDetail, SubscriptionMethod } from './integration-types.js';
import type { ParameterOption, ParameterValues } from './parameter-types.js';
import type { RequestLog, RequestLogPage, RequestOutcome } from './request-log-types.js';
import type { Builder, OAuthClient, Subscription, SubscriptionList } from './subscription-types.js';

/**
 * The calls about integrations, subscriptions and their builders, one per API operation, named as
 * the OpenAPI document does. The integration pages make them all; a workflow's trigger panel reads
 * an integration's events and subscriptions through the same ones.
 */

const encode = encodeURIComponent;

export async function listIntegrations(): Promise<readonly Integration[]> {
  return (await apiRequest<{ items: readonly Integration[] }>('/integrations')).items;
}

// An integration's detail carries every event's output schema (megabytes for GitHub) and never
// changes while the server runs: fetch it once per page load.
const details = new Map<string, Promise<IntegrationDetail>>();

export function getIntegrationDetail(id: string): Promise<IntegrationDetail> {
  let detail = details.get(id);
  if (!detail) {
    detail = apiRequest<IntegrationDetail>(`/integrations/${encode(id)}`);
    details.set(id, detail);
    detail.catch(() => details.delete(id));
  }
  return detail;
}

export function listSubscriptions(integration: string): Promise<SubscriptionList> {
  return apiRequest(`/integrations/${encode(integration)}/subscriptions`);
}

export function getSubscription(id: string): Promise<Subscription> {
  return apiRequest(`/subscriptions/${encode(id)}`);
}

export function updateSubscription(
  id: string,
  patch: { readonly name?: string; readonly parameters?: ParameterValues },
): Promise<Subscription> {
  return apiRequest(`/subscriptions/${encode(id)}`, { method: 'PATCH', body: patch });
}

/** `force`: forget it here even though the external system could not delete its webhook. */
export function deleteSubscription(id: string, force = false): Promise<void> {
  return apiRequest(`/subscriptions/${encode(id)}`, {
    method: 'DELETE',
    query: force ? { force: true } : {},
  });
}

export interface LogQuery {
  readonly outcome?: RequestOutcome | undefined;
  readonly before?: string | undefined;
  readonly limit?: number;
}

export function listSubscriptionLogs(id: string, query: LogQuery = {}): Promise<RequestLogPage> {
  return apiRequest(`/subscriptions/${encode(id)}/logs`, { query: { ...query } });
}

export function getSubscriptionLog(id: string, logId: string): Promise<RequestLog> {
  return apiRequest(`/subscriptions/${encode(id)}/logs/${encode(logId)}`);
}

export function replayLog(id: string, logId: string): Promise<{ id: string; replayOf: string }> {
  return apiRequest(`/subscriptions/${encode(id)}/logs/${encode(logId)}/replay`, { method: 'POST' });
}

export function createBuilder(integration: string, method: SubscriptionMethod): Promise<Builder> {
  return apiRequest(`/integrations/${encode(integration)}/subscription-builders`, {
    method: 'POST',
    body: { method },
  });
}

export function getBuilder(id: string): Promise<Builder> {
  return apiRequest(`/subscription-builders/${encode(id)}`);
}

export function updateBuilder(
  id: string,
  patch: {
    readonly name?: string;
    readonly parameters?: ParameterValues;
    readonly credentials?: ParameterValues;
  },
): Promise<Builder> {
  return apiRequest(`/subscription-builders/${encode(id)}`, { method: 'PATCH', body: patch });
}

/** Checks the builder's credentials with the external system; its refusal comes back as an ApiError. */
export function verifyBuilder(id: string): Promise<unknown> {
  return apiRequest(`/subscription-builders/${encode(id)}/verify`, { method: 'POST' });
}

export async function parameterOptions(id: string, parameter: string): Promise<readonly ParameterOption[]> {
  const answer = await apiRequest<{ options: readonly ParameterOption[] }>(
    `/subscription-builders/${encode(id)}/parameters/${encode(parameter)}/options`,
  );
  return answer.options;
}

export function authorizeBuilder(id: string): Promise<{ authorizationUrl: string; expiresAt: string }> {
  return apiRequest(`/subscription-builders/${encode(id)}/oauth/authorize`, { method: 'POST' });
}

export function listBuilderLogs(id: string): Promise<RequestLogPage> {
  return apiRequest(`/subscription-builders/${encode(id)}/logs`, { query: { limit: 50 } });
}

export function buildSubscription(id: string): Promise<Subscription> {
  return apiRequest(`/subscription-builders/${encode(id)}/build`, { method: 'POST' });
}

export function getOAuthClient(integration: string): Promise<OAuthClient> {
  return apiRequest(`/integrations/${encode(integration)}/oauth-client`);
}

export function putOAuthClient(integration: string, client: ParameterValues): Promise<OAuthClient> {
  return apiRequest(`/integrations/${encode(integration)}/oauth-client`, {
    method: 'PUT',
    body: { client, enabled: true },
  });
}
