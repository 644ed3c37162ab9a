import type {
  DispatchCommit,
  DispatchedLog,
  NewRunRecord,
  RunCompletion,
  RunRecord,
  RunStatus,
  RunSummaryRecord,
} from '../workflow-records.js';

/** A page of a workspace's runs: of one workflow, or across all of them. */
export interface RunListQuery {
  readonly workspaceId: string;
  /** Only this workflow's runs; every workflow's when omitted. */
  readonly workflowId?: string;
  /** Only runs in this status. */
  readonly status?: RunStatus;
  /** Page size, 1..200. */
  readonly limit: number;
  /** The last id of the previous page: returns strictly older runs. */
  readonly before?: string;
}

/** Workflow runs: queued by the dispatcher and the scheduler, claimed and finished by workers. */
export interface RunRepository {
  /** Stores a queued run. */
  create(run: NewRunRecord): Promise<RunRecord>;
  get(workspaceId: string, id: string): Promise<RunRecord | undefined>;
  /** Newest first, never another workspace's. */
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
