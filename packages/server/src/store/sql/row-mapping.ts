import type { ParameterValues, SubscriptionMethod } from '@tripline/sdk';
import type { Role } from '../../domain/roles.js';
import type {
  BuilderRecord,
  DispatchState,
  EventSummary,
  MemberRecord,
  NewRequestLog,
  RequestLogRecord,
  RequestOutcome,
  SubscriptionRecord,
  SubscriptionStatus,
  WorkspaceRecord,
} from '../records.js';
import type {
  MembersTable,
  RequestLogsTable,
  SubscriptionBuildersTable,
  SubscriptionsTable,
  WorkspacesTable,
} from './database.js';

// The string unions below are guarded by CHECK constraints in both schemas, so rows are trusted.

export function toDate(millis: number | string | bigint): Date {
  return new Date(Number(millis));
}

export function toDateOrNull(millis: number | string | bigint | null): Date | null {
  return millis === null ? null : toDate(millis);
}

export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function toWorkspace(row: WorkspacesTable): WorkspaceRecord {
  return { id: row.id, name: row.name, createdAt: toDate(row.created_at) };
}

export function toMember(row: MembersTable): MemberRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    role: row.role as Role,
    createdAt: toDate(row.created_at),
  };
}

export function toBuilder(row: SubscriptionBuildersTable): BuilderRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    integration: row.integration,
    method: row.method as SubscriptionMethod,
    name: row.name,
    parameters: parseJson<ParameterValues>(row.parameters),
    properties: parseJson<ParameterValues>(row.properties),
    credentials: row.credentials,
    credentialId: row.credential_id,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
    buildStartedAt: toDateOrNull(row.build_started_at),
  };
}

export function fromBuilder(record: BuilderRecord): SubscriptionBuildersTable {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    integration: record.integration,
    method: record.method,
    name: record.name,
    parameters: JSON.stringify(record.parameters),
    properties: JSON.stringify(record.properties),
    credentials: record.credentials,
    credential_id: record.credentialId,
    created_by: record.createdBy,
    created_at: record.createdAt.getTime(),
    expires_at: record.expiresAt.getTime(),
    build_started_at: record.buildStartedAt?.getTime() ?? null,
  };
}

export function toSubscription(row: SubscriptionsTable): SubscriptionRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    integration: row.integration,
    name: row.name,
    method: row.method as SubscriptionMethod,
    parameters: parseJson<ParameterValues>(row.parameters),
    properties: parseJson<ParameterValues>(row.properties),
    credentials: row.credentials,
    credentialId: row.credential_id,
    status: row.status as SubscriptionStatus,
    statusReason: row.status_reason,
    expiresAt: toDateOrNull(row.expires_at),
    nextCheckAt: toDateOrNull(row.next_check_at),
    checkFailures: row.check_failures,
    lastCheckedAt: toDateOrNull(row.last_checked_at),
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function fromSubscription(record: SubscriptionRecord): SubscriptionsTable {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    integration: record.integration,
    name: record.name,
    method: record.method,
    parameters: JSON.stringify(record.parameters),
    properties: JSON.stringify(record.properties),
    credentials: record.credentials,
    credential_id: record.credentialId,
    status: record.status,
    status_reason: record.statusReason,
    expires_at: record.expiresAt?.getTime() ?? null,
    next_check_at: record.nextCheckAt?.getTime() ?? null,
    check_failures: record.checkFailures,
    last_checked_at: record.lastCheckedAt?.getTime() ?? null,
    created_by: record.createdBy,
    created_at: record.createdAt.getTime(),
    updated_at: record.updatedAt.getTime(),
  };
}

export function toRequestLog(row: RequestLogsTable): RequestLogRecord {
  return {
    id: row.id,
    endpointId: row.endpoint_id,
    workspaceId: row.workspace_id,
    integration: row.integration,
    receivedAt: toDate(row.received_at),
    method: row.method,
    path: row.path,
    headers: parseJson<Record<string, string>>(row.headers),
    body: row.body === null ? null : new Uint8Array(row.body),
    responseStatus: row.response_status,
    responseHeaders: parseJson<Record<string, string>>(row.response_headers),
    responseBody: row.response_body,
    deliveryId: row.delivery_id,
    events: parseJson<EventSummary[]>(row.events),
    outcome: row.outcome as RequestOutcome,
    reason: row.reason,
    dispatchState: row.dispatch_state as DispatchState,
    replayOf: row.replay_of,
    dispatchedAt: toDateOrNull(row.dispatched_at),
    runs: parseJson<string[]>(row.runs),
  };
}

/** The insertable row of a new log; `runs` and `dispatched_at` start empty. */
export function fromNewRequestLog(log: NewRequestLog): RequestLogsTable {
  return {
    id: log.id,
    endpoint_id: log.endpointId,
    workspace_id: log.workspaceId,
    integration: log.integration,
    received_at: log.receivedAt.getTime(),
    method: log.method,
    path: log.path,
    headers: JSON.stringify(log.headers),
    body: log.body,
    response_status: log.responseStatus,
    response_headers: JSON.stringify(log.responseHeaders),
    response_body: log.responseBody,
    delivery_id: log.deliveryId,
    events: JSON.stringify(log.events),
    outcome: log.outcome,
    reason: log.reason,
    dispatch_state: log.dispatchState,
    dispatched_at: null,
    runs: '[]',
    replay_of: log.replayOf,
  };
}
