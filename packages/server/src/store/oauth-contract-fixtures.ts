import { randomUUID } from 'node:crypto';
import { hashToken, minutesAfter, T0 } from './contract-fixtures.js';
import type {
  CredentialRecord,
  OAuthClientRecord,
  OAuthConfirmationRecord,
  OAuthStateRecord,
} from './records.js';

/** Fixtures of the OAuth, credential and re-keying contract cases: records with every field set. */

export function oauthClientRecord(
  workspaceId: string,
  overrides: Partial<OAuthClientRecord> = {},
): OAuthClientRecord {
  return {
    workspaceId,
    integration: 'github',
    client: 'sealed:client',
    enabled: true,
    createdAt: T0,
    updatedAt: T0,
    ...overrides,
  };
}

export function oauthStateRecord(
  workspaceId: string,
  overrides: Partial<OAuthStateRecord> = {},
): OAuthStateRecord {
  return {
    ...authorizationInFlight(workspaceId),
    clientSource: 'workspace',
    codeVerifier: 'sealed:verifier',
    redirectUri: 'http://127.0.0.1:8080/api/oauth/callback',
    ...overrides,
  };
}

export function oauthConfirmationRecord(
  workspaceId: string,
  overrides: Partial<OAuthConfirmationRecord> = {},
): OAuthConfirmationRecord {
  return {
    ...authorizationInFlight(workspaceId),
    clientSource: 'system',
    tokens: 'sealed:tokens',
    tokensExpireAt: minutesAfter(T0, 60),
    ...overrides,
  };
}

export function credentialRecord(
  workspaceId: string,
  overrides: Partial<CredentialRecord> = {},
): CredentialRecord {
  return {
    id: randomUUID(),
    workspaceId,
    integration: 'github',
    method: 'oauth',
    credentials: 'sealed:tokens',
    expiresAt: minutesAfter(T0, 60),
    clientSource: 'system',
    status: 'active',
    statusReason: null,
    createdBy: 'member-1',
    createdAt: T0,
    updatedAt: T0,
    refreshFailures: 0,
    nextRefreshAt: null,
    ...overrides,
  };
}

/**
 * What a state and a confirmation share: one member's authorization of one builder, hashed id,
 * expiring ten minutes after T0.
 */
function authorizationInFlight(
  workspaceId: string,
): Pick<
  OAuthStateRecord & OAuthConfirmationRecord,
  'id' | 'workspaceId' | 'builderId' | 'memberId' | 'integration' | 'createdAt' | 'expiresAt'
> {
  return {
    id: hashToken(randomUUID()),
    workspaceId,
    builderId: randomUUID(),
    memberId: 'member-1',
    integration: 'github',
    createdAt: T0,
    expiresAt: minutesAfter(T0, 10),
  };
}
