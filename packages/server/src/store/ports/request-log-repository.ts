import type { RequestLogRecord, RequestOutcome } from '../records.js';
import type { EventDispatch } from '../workflow-records.js';

/** A page of an endpoint's request logs. */
export interface RequestLogQuery {
  readonly workspaceId: string;
  readonly endpointId: string;
  readonly outcome?: RequestOutcome;
  /** Page size, 1..200. */
  readonly limit: number;
  /** The last id of the previous page: returns strictly older rows. */
  readonly before?: string;
}

/** The ingress's request logs: what each endpoint received, and what the dispatcher made of it. */
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
