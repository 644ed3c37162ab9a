import type { SubscriptionRecord, SubscriptionStatus } from '../records.js';

/** Subscriptions: what the ingress accepts deliveries for, and what the self-healing check looks after. */
export interface SubscriptionRepository {
  /**
   * Turns a builder into a subscription with the same id, atomically: the builder is consumed, the
   * count of the workspace's subscriptions of that integration is checked against `limit` under a
   * lock (SubscriptionLimitError), and the name must be free (NameTakenError).
   */
  createFromBuilder(input: {
    readonly builderId: string;
    readonly subscription: SubscriptionRecord;
    readonly limit: number;
  }): Promise<SubscriptionRecord>;
  get(workspaceId: string, id: string): Promise<SubscriptionRecord | undefined>;
  /** For the ingress: by endpoint id alone. */
  findById(id: string): Promise<SubscriptionRecord | undefined>;
  list(workspaceId: string, integration: string): Promise<readonly SubscriptionRecord[]>;
  count(workspaceId: string, integration: string): Promise<number>;
  /** Renames or edits; a name already used answers NameTakenError. */
  update(
    workspaceId: string,
    id: string,
    patch: Partial<
      Pick<
        SubscriptionRecord,
        | 'name'
        | 'parameters'
        | 'properties'
        | 'credentials'
        | 'credentialId'
        | 'status'
        | 'statusReason'
        | 'expiresAt'
        | 'nextCheckAt'
        | 'checkFailures'
        | 'lastCheckedAt'
      >
    > & { readonly updatedAt: Date },
  ): Promise<SubscriptionRecord | undefined>;
  delete(workspaceId: string, id: string): Promise<boolean>;
  setStatus(id: string, status: SubscriptionStatus, reason: string | null, now: Date): Promise<void>;
  /**
   * Subscriptions of every workspace whose `nextCheckAt` is at or before `now` and whose check
   * nobody holds a lease on at `now`, earliest first, at most `limit`. For the self-healing check.
   */
  listDue(now: Date, limit: number): Promise<readonly SubscriptionRecord[]>;
  /**
   * Takes the lease on a subscription's check (a check, a rebuild or a delete of its external
   * webhook) so that one caller among several does that work: the lease ends at `leaseUntil`, and
   * is taken only if `nextCheckAt` still is `expected` (nobody checked it since the caller read
   * it) and no lease is held at `now`. True when this caller won.
   */
  claimCheck(claim: {
    readonly id: string;
    readonly expected: Date;
    readonly now: Date;
    readonly leaseUntil: Date;
  }): Promise<boolean>;
  /** Ends the lease that ends at `leaseUntil`; a lease someone else took since is left alone. */
  releaseCheck(id: string, leaseUntil: Date): Promise<void>;
  /** Every subscription using a saved credential, across the workspace. */
  listByCredential(workspaceId: string, credentialId: string): Promise<readonly SubscriptionRecord[]>;
  /** Sets the status of every subscription using a saved credential (e.g. `unauthorized` after a failed refresh). */
  setStatusByCredential(
    credentialId: string,
    status: SubscriptionStatus,
    reason: string | null,
    now: Date,
  ): Promise<number>;
}
