import type { CredentialRecord, CredentialStatus } from '../records.js';

/** Saved credentials (OAuth tokens) a workspace reuses across subscriptions of one integration. */
export interface CredentialRepository {
  insert(record: CredentialRecord): Promise<void>;
  get(workspaceId: string, id: string): Promise<CredentialRecord | undefined>;
  /** The newest active credential of a workspace for an integration, to reuse for a new builder. */
  latestActive(workspaceId: string, integration: string): Promise<CredentialRecord | undefined>;
  update(
    id: string,
    patch: Partial<
      Pick<
        CredentialRecord,
        'credentials' | 'expiresAt' | 'status' | 'statusReason' | 'refreshFailures' | 'nextRefreshAt'
      >
    > & {
      readonly updatedAt: Date;
    },
  ): Promise<CredentialRecord | undefined>;
  /**
   * Active credentials of every workspace whose token expires at or before `before`, earliest
   * first, at most `limit`; those backing off after failed refreshes (`nextRefreshAt` after `now`)
   * are left out, so they do not crowd out the others.
   */
  listExpiring(query: {
    readonly before: Date;
    readonly now: Date;
    readonly limit: number;
  }): Promise<readonly CredentialRecord[]>;
  /**
   * Records a refresh that failed for a reason other than the credentials: how many failed in a
   * row and when to try again. Leaves `updatedAt` alone: the tokens did not change.
   */
  setRefreshBackoff(
    id: string,
    backoff: { readonly failures: number; readonly nextRefreshAt: Date },
  ): Promise<void>;
  setStatus(id: string, status: CredentialStatus, reason: string | null, now: Date): Promise<void>;
}
