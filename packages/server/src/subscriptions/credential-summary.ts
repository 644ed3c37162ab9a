import type { CredentialRecord, CredentialStatus } from '../store/records.js';

/** What answers show of an oauth builder's or subscription's saved credential: never the tokens. */
export interface CredentialSummary {
  readonly id: string;
  readonly status: CredentialStatus;
  /** When the access token expires, or null for tokens that don't. */
  readonly expiresAt: string | null;
}

export function toCredentialSummary(record: CredentialRecord | undefined): CredentialSummary | null {
  if (!record) return null;
  return { id: record.id, status: record.status, expiresAt: record.expiresAt?.toISOString() ?? null };
}
