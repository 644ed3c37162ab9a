import type {
  CredentialRecord,
  CredentialStatus,
  OAuthClientRecord,
  OAuthClientSource,
  OAuthConfirmationRecord,
  OAuthStateRecord,
} from '../records.js';
import type {
  CredentialsTable,
  OAuthClientsTable,
  OAuthConfirmationsTable,
  OAuthStatesTable,
} from './database.js';
import { toDate, toDateOrNull } from './row-mapping.js';

// The string unions below are guarded by CHECK constraints in both schemas, so rows are trusted.

export function toOAuthClient(row: OAuthClientsTable): OAuthClientRecord {
  return {
    workspaceId: row.workspace_id,
    integration: row.integration,
    client: row.client,
    enabled: row.enabled === 1,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
  };
}

export function fromOAuthClient(record: OAuthClientRecord): OAuthClientsTable {
  return {
    workspace_id: record.workspaceId,
    integration: record.integration,
    client: record.client,
    enabled: record.enabled ? 1 : 0,
    created_at: record.createdAt.getTime(),
    updated_at: record.updatedAt.getTime(),
  };
}

export function toOAuthState(row: OAuthStatesTable): OAuthStateRecord {
  return {
    ...toAuthorizationInFlight(row),
    codeVerifier: row.code_verifier,
    redirectUri: row.redirect_uri,
  };
}

export function fromOAuthState(record: OAuthStateRecord): OAuthStatesTable {
  return {
    ...fromAuthorizationInFlight(record),
    code_verifier: record.codeVerifier,
    redirect_uri: record.redirectUri,
  };
}

export function toOAuthConfirmation(row: OAuthConfirmationsTable): OAuthConfirmationRecord {
  return {
    ...toAuthorizationInFlight(row),
    tokens: row.tokens,
    tokensExpireAt: toDateOrNull(row.tokens_expire_at),
  };
}

export function fromOAuthConfirmation(record: OAuthConfirmationRecord): OAuthConfirmationsTable {
  return {
    ...fromAuthorizationInFlight(record),
    tokens: record.tokens,
    tokens_expire_at: record.tokensExpireAt?.getTime() ?? null,
  };
}

export function toCredential(row: CredentialsTable): CredentialRecord {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    integration: row.integration,
    method: row.method as CredentialRecord['method'],
    credentials: row.credentials,
    expiresAt: toDateOrNull(row.expires_at),
    clientSource: row.client_source as OAuthClientSource,
    status: row.status as CredentialStatus,
    statusReason: row.status_reason,
    createdBy: row.created_by,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    refreshFailures: row.refresh_failures,
    nextRefreshAt: toDateOrNull(row.next_refresh_at),
  };
}

export function fromCredential(record: CredentialRecord): CredentialsTable {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    integration: record.integration,
    method: record.method,
    credentials: record.credentials,
    expires_at: record.expiresAt?.getTime() ?? null,
    client_source: record.clientSource,
    status: record.status,
    status_reason: record.statusReason,
    created_by: record.createdBy,
    created_at: record.createdAt.getTime(),
    updated_at: record.updatedAt.getTime(),
    refresh_failures: record.refreshFailures,
    next_refresh_at: record.nextRefreshAt?.getTime() ?? null,
  };
}

/** The columns an OAuth state and a confirmation share: one member's authorization of one builder. */
type AuthorizationInFlightRow = Pick<
  OAuthStatesTable & OAuthConfirmationsTable,
  | 'id'
  | 'workspace_id'
  | 'builder_id'
  | 'member_id'
  | 'integration'
  | 'client_source'
  | 'created_at'
  | 'expires_at'
>;
type AuthorizationInFlight = Pick<
  OAuthStateRecord & OAuthConfirmationRecord,
  'id' | 'workspaceId' | 'builderId' | 'memberId' | 'integration' | 'clientSource' | 'createdAt' | 'expiresAt'
>;

function toAuthorizationInFlight(row: AuthorizationInFlightRow): AuthorizationInFlight {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    builderId: row.builder_id,
    memberId: row.member_id,
    integration: row.integration,
    clientSource: row.client_source as OAuthClientSource,
    createdAt: toDate(row.created_at),
    expiresAt: toDate(row.expires_at),
  };
}

function fromAuthorizationInFlight(record: AuthorizationInFlight): AuthorizationInFlightRow {
  return {
    id: record.id,
    workspace_id: record.workspaceId,
    builder_id: record.builderId,
    member_id: record.memberId,
    integration: record.integration,
    client_source: record.clientSource,
    created_at: record.createdAt.getTime(),
    expires_at: record.expiresAt.getTime(),
  };
}
