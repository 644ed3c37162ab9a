import type { ParameterValues } from '@tripline/sdk';
import type { Role } from '../domain/roles.js';
import type {
  BuilderRecord,
  CredentialRecord,
  CredentialStatus,
  MemberRecord,
  NewRequestLog,
  OAuthClientRecord,
  OAuthConfirmationRecord,
  OAuthStateRecord,
  Principal,
  RequestLogRecord,
  RequestOutcome,
  SubscriptionRecord,
  SubscriptionStatus,
  WorkspaceRecord,
} from './records.js';
import type { ScheduleFire, ScheduleFireReceipt, ScheduleTriggerRecord } from './schedule-records.js';
import type {
  DispatchCommit,
  DispatchedLog,
  EventDispatch,
  NewRunRecord,
  NewTriggerLink,
  RunCompletion,
  RunRecord,
  RunSummaryRecord,
  TriggerLinkRecord,
  WorkflowRecord,
  WorkflowSummaryRecord,
  WorkflowVersionRecord,
} from './workflow-records.js';

/**
 * The store port. Every method that takes a `workspaceId` confines itself to that workspace:
 * a row of another workspace is "not found", never returned. Adapters: store/sqlite (default)
 * and store/postgres; one contract suite (store.contract.ts) runs against both.
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly workspaces: WorkspaceRepository;
  readonly subscriptions: SubscriptionRepository;
  readonly builders: BuilderRepository;
  readonly requestLogs: RequestLogRepository;
  readonly workflows: WorkflowRepository;
  readonly triggerLinks: TriggerLinkRepository;
  readonly runs: RunRepository;
  readonly schedules: ScheduleRepository;
  readonly oauthClients: OAuthClientRepository;
  readonly oauthStates: OAuthStateRepository;
  readonly oauthConfirmations: OAuthConfirmationRepository;
  readonly credentials: CredentialRepository;
  readonly sealedValues: SealedValueRepository;
  /** The ingress's group-commit writer: resolves only once the row is durable. */
  readonly deliveries: DeliveryWriter;
  /** Applies pending numbered migrations; returns the names applied. */
  migrate(): Promise<readonly string[]>;
  /** Is the database answering? For /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A workspace to create with its owner member and that member's first token. */
export interface NewWorkspaceWithOwner {
  readonly workspace: { readonly id: string; readonly name: string };
  readonly owner: { readonly id: string; readonly name: string };
  readonly token: { readonly id: string; readonly hash: string; readonly label: string };
  readonly now: Date;
}

/** What `bootstrapOnce` did: created the first workspace, or found one already there. */
export type WorkspaceBootstrap =
  | { readonly created: true; readonly workspace: WorkspaceRecord; readonly owner: MemberRecord }
  | { readonly created: false };

export interface WorkspaceRepository {
  /** True when no workspace exists yet (first start). */
  isEmpty(): Promise<boolean>;
  /** Creates a workspace, its owner member and that member's token in one transaction. */
  createWithOwner(
    input: NewWorkspaceWithOwner,
  ): Promise<{ readonly workspace: WorkspaceRecord; readonly owner: MemberRecord }>;
  /**
   * The first start's workspace: `createWithOwner`, but only while no workspace exists. The check
   * and the writes share one transaction under a lock, so processes starting together on an empty
   * database create one workspace between them; the others answer `created: false`.
   */
  bootstrapOnce(input: NewWorkspaceWithOwner): Promise<WorkspaceBootstrap>;
  get(workspaceId: string): Promise<WorkspaceRecord | undefined>;
  /** Workspaces the member's person can see; for now, the token's own. */
  addMember(input: {
    readonly workspaceId: string;
    readonly member: { readonly id: string; readonly name: string; readonly role: Role };
    readonly token: { readonly id: string; readonly hash: string; readonly label: string };
    readonly now: Date;
  }): Promise<MemberRecord>;
  listMembers(workspaceId: string): Promise<readonly MemberRecord[]>;
  /** Looks a token up by its SHA-256 hash and records its use. */
  authenticate(tokenHash: string, now: Date): Promise<Principal | undefined>;
}

export interface BuilderRepository {
  insert(builder: BuilderRecord): Promise<void>;
  get(workspaceId: string, id: string): Promise<BuilderRecord | undefined>;
  /** For the ingress: by endpoint id alone, unexpired at `now`. */
  findLive(id: string, now: Date): Promise<BuilderRecord | undefined>;
  update(
    workspaceId: string,
    id: string,
    patch: Partial<
      Pick<BuilderRecord, 'name' | 'parameters' | 'properties' | 'credentials' | 'credentialId' | 'expiresAt'>
    >,
  ): Promise<BuilderRecord | undefined>;
  /** Removes expired builders (and nothing else); returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

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

export interface OAuthClientRepository {
  get(workspaceId: string, integration: string): Promise<OAuthClientRecord | undefined>;
  /** Creates or replaces the workspace's client of that integration. */
  put(record: OAuthClientRecord): Promise<OAuthClientRecord>;
  delete(workspaceId: string, integration: string): Promise<boolean>;
}

export interface OAuthStateRepository {
  insert(record: OAuthStateRecord): Promise<void>;
  /**
   * Deletes the state and returns it, atomically, so a state works once even when two callbacks
   * race. Returns it even if expired (the caller says so); undefined when unknown or used.
   */
  consume(id: string): Promise<OAuthStateRecord | undefined>;
  deleteExpired(now: Date): Promise<number>;
}

export interface OAuthConfirmationRepository {
  insert(record: OAuthConfirmationRecord): Promise<void>;
  /**
   * Deletes the confirmation and returns it, atomically, so it works once even when two requests
   * race. Returns it even if expired (the caller says so); undefined when unknown or used.
   */
  consume(id: string): Promise<OAuthConfirmationRecord | undefined>;
  deleteExpired(now: Date): Promise<number>;
}

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

/**
 * Every sealed value at rest, for re-keying: builders' and subscriptions' parameters, properties
 * and credentials, OAuth clients, states and confirmations, saved credentials.
 */
export interface SealedValueRepository {
  /**
   * Rewrites every sealed string (see SecretBox.isSealed) through `reseal`, in one transaction, so
   * a failure leaves every value under the old key. Returns how many values were rewritten.
   */
  rewriteAll(reseal: (sealed: string) => string): Promise<number>;
}

export interface RequestLogQuery {
  readonly workspaceId: string;
  readonly endpointId: string;
  readonly outcome?: RequestOutcome;
  /** Page size, 1..200. */
  readonly limit: number;
  /** The last id of the previous page: returns strictly older rows. */
  readonly before?: string;
}

export interface RequestLogRepository {
  /** Newest first. */
  list(query: RequestLogQuery): Promise<readonly RequestLogRecord[]>;
  get(workspaceId: string, endpointId: string, logId: string): Promise<RequestLogRecord | undefined>;
  /** The dispatcher's inbox: oldest pending first. */
  listPending(limit: number): Promise<readonly RequestLogRecord[]>;
  markDispatched(logId: string, runs: readonly string[], now: Date): Promise<void>;
  /** What the dispatcher recorded per event and trigger, for the logs that have it. */
  dispatchResults(
    workspaceId: string,
    logIds: readonly string[],
  ): Promise<ReadonlyMap<string, readonly EventDispatch[]>>;
  /**
   * Retention: keeps at most `maxPerEndpoint` rows per endpoint and none older than `olderThan`,
   * but never deletes a `pending` row (the inbox loses nothing). Returns how many were deleted.
   */
  prune(input: { readonly maxPerEndpoint: number; readonly olderThan: Date }): Promise<number>;
}

export interface WorkflowRepository {
  insert(workflow: WorkflowRecord): Promise<void>;
  get(workspaceId: string, id: string): Promise<WorkflowRecord | undefined>;
  /** Oldest first. */
  list(workspaceId: string): Promise<readonly WorkflowSummaryRecord[]>;
  /** Replaces the draft (and the name and description that come with it). */
  updateDraft(
    workspaceId: string,
    id: string,
    draft: Pick<WorkflowRecord, 'name' | 'description' | 'draft'> & { readonly now: Date },
  ): Promise<WorkflowRecord | undefined>;
  /** Deletes the workflow with its versions, trigger links and runs. */
  delete(workspaceId: string, id: string): Promise<boolean>;
  /**
   * In one transaction: stores the next version number, makes it the published one, and rewrites
   * the workflow's trigger links to `triggers` (a node keeps the enabled flag it had). Refuses,
   * writing nothing, when a trigger names a subscription that is not in the workspace.
   */
  publish(input: {
    readonly workspaceId: string;
    readonly workflowId: string;
    readonly versionId: string;
    readonly document: WorkflowVersionRecord['document'];
    readonly triggers: readonly NewTriggerLink[];
    readonly createdBy: string;
    readonly now: Date;
  }): Promise<
    | { readonly ok: true; readonly version: WorkflowVersionRecord }
    | { readonly ok: false; readonly reason: 'not_found' }
    | {
        readonly ok: false;
        readonly reason: 'missing_subscriptions';
        readonly subscriptionIds: readonly string[];
      }
  >;
  getVersion(workspaceId: string, versionId: string): Promise<WorkflowVersionRecord | undefined>;
  /** The workflow's published versions without their documents, newest first; empty for another workspace's. */
  listVersions(
    workspaceId: string,
    workflowId: string,
  ): Promise<readonly Omit<WorkflowVersionRecord, 'document'>[]>;
}

export interface TriggerLinkRepository {
  /** The entry nodes of the workflow's published version, in node id order. */
  list(workspaceId: string, workflowId: string): Promise<readonly TriggerLinkRecord[]>;
  setEnabled(
    workspaceId: string,
    workflowId: string,
    nodeId: string,
    enabled: boolean,
  ): Promise<TriggerLinkRecord | undefined>;
  /** The dispatcher's lookup: integration triggers of these subscriptions, enabled or not. */
  findBySubscriptions(subscriptionIds: readonly string[]): Promise<readonly TriggerLinkRecord[]>;
  /** How many published workflows have an enabled trigger on each subscription (0 when none). */
  countWorkflowsBySubscription(
    workspaceId: string,
    subscriptionIds: readonly string[],
  ): Promise<ReadonlyMap<string, number>>;
}

export interface RunListQuery {
  readonly workspaceId: string;
  readonly workflowId: string;
  /** Page size, 1..200. */
  readonly limit: number;
  /** The last id of the previous page: returns strictly older runs. */
  readonly before?: string;
}

export interface RunRepository {
  /** Stores a queued run. */
  create(run: NewRunRecord): Promise<RunRecord>;
  get(workspaceId: string, id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  list(query: RunListQuery): Promise<readonly RunSummaryRecord[]>;
  /**
   * One transaction for a dispatcher batch: creates the runs no earlier attempt created (one per
   * delivery log, event index, version and trigger node), then marks each log dispatched with its
   * runs and results, their run ids pointing at the runs that exist.
   */
  commitDispatch(input: {
    readonly runs: readonly NewRunRecord[];
    readonly logs: readonly DispatchedLog[];
    readonly now: Date;
  }): Promise<DispatchCommit>;
  /** Takes up to `limit` queued runs, oldest first, for a worker: they become running. */
  claim(input: {
    readonly workerId: string;
    readonly limit: number;
    readonly now: Date;
  }): Promise<RunRecord[]>;
  /** Records that the worker still holds its running runs. */
  heartbeat(workerId: string, now: Date): Promise<void>;
  /** Stores how runs ended; a run no longer held by the reporting worker is left alone. Answers the ids stored. */
  finish(completions: readonly RunCompletion[]): Promise<readonly string[]>;
  /**
   * `finish` then `claim`, in one transaction: a worker stores the runs it ended and takes as many
   * queued ones for the freed room with one durable commit instead of two.
   */
  finishAndClaim(input: {
    readonly completions: readonly RunCompletion[];
    readonly claim: { readonly workerId: string; readonly limit: number; readonly now: Date };
  }): Promise<{ readonly stored: readonly string[]; readonly claimed: RunRecord[] }>;
  /**
   * Fails the running runs whose worker is gone: those not heartbeating since `staleBefore`, or
   * all of them but `exceptWorkerId`'s when `staleBefore` is omitted. Answers their ids.
   */
  failAbandoned(input: {
    readonly staleBefore?: Date;
    readonly exceptWorkerId: string;
    readonly reason: string;
    readonly now: Date;
  }): Promise<readonly string[]>;
  /**
   * Retention: deletes, with their traces, up to `limit` succeeded or failed runs of every
   * workspace that finished before `finishedBefore`, earliest first; never a queued or running
   * run. Answers how many; fewer than `limit` means none is left.
   */
  deleteFinished(input: { readonly finishedBefore: Date; readonly limit: number }): Promise<number>;
}

/** Schedule triggers and the times they fired; several schedulers may share one database. */
export interface ScheduleRepository {
  /** Every enabled schedule trigger of a published version, in every workspace. */
  listActive(): Promise<readonly ScheduleTriggerRecord[]>;
  /**
   * In one transaction: records the fire and creates its queued run, unless (version, node,
   * scheduled time) fired before; then nothing is written and the earlier run is answered.
   */
  fire(fire: ScheduleFire): Promise<ScheduleFireReceipt>;
}

/** How a write ended: the row id, and for a repeated delivery id, the answer first given. */
export type DeliveryReceipt =
  | { readonly duplicate: false; readonly id: string }
  | {
      readonly duplicate: true;
      readonly id: string;
      readonly original: {
        readonly id: string;
        readonly responseStatus: number;
        readonly responseHeaders: Readonly<Record<string, string>>;
        readonly responseBody: string;
      };
    };

/**
 * Group commit for the ingress: many concurrent `write` calls share one transaction, and each
 * resolves only after that transaction committed. An `accepted` log whose (endpoint, delivery id)
 * was accepted before is stored as `duplicate` with dispatch state `none`.
 */
export interface DeliveryWriter {
  write(log: NewRequestLog): Promise<DeliveryReceipt>;
  /** Flushes what is queued and stops. */
  close(): Promise<void>;
}

export type { ParameterValues };
