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
    id: hashToken(randomUUID()),
    workspaceId,
    builderId: randomUUID(),
    memberId: 'member-1',
    integration: 'github',
    clientSource: 'workspace',
    codeVerifier: 'sealed:verifier',
    redirectUri: 'http://127.0.0.1:8080/api/oauth/callback',
    createdAt: T0,
    expiresAt: minutesAfter(T0, 10),
    ...overrides,
  };
}

export function oauthConfirmationRecord(
  workspaceId: string,
  overrides: Partial<OAuthConfirmationRecord> = {},
): OAuthConfirmationRecord {
  return {
    id: hashToken(randomUUID()),
    workspaceId,
    builderId: randomUUID(),
    memberId: 'member-1',
    integration: 'github',
    clientSource: 'system',
    tokens: 'sealed:tokens',
    tokensExpireAt: minutesAfter(T0, 60),
    createdAt: T0,
    expiresAt: minutesAfter(T0, 10),
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
