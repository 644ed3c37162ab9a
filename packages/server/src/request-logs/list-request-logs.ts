import type { RequestOutcome } from '../store/records.js';
import type { Store } from '../store/store.js';
import { LIST_BODY_LIMIT_BYTES, type RequestLogView, toRequestLogView } from './request-log-view.js';

/** The store's largest page. */
const STORE_PAGE_MAX = 200;

/** What a caller asks of a page of logs. */
export interface RequestLogPageQuery {
  readonly outcome?: RequestOutcome;
  /** Page size, 1 to 200. */
  readonly limit: number;
  /** `nextCursor` of the previous page. */
  readonly before?: string;
}

export interface RequestLogPage {
  readonly items: RequestLogView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * One page of an endpoint's request logs, newest first. The caller has checked that the endpoint
 * belongs to the workspace. One row more than asked tells whether an older page exists.
 */
export async function listRequestLogs(
  store: Store,
  query: RequestLogPageQuery & { readonly workspaceId: string; readonly endpointId: string },
): Promise<RequestLogPage> {
  const limit = Math.max(1, Math.min(query.limit, STORE_PAGE_MAX));
  const rows = await store.requestLogs.list({
    workspaceId: query.workspaceId,
    endpointId: query.endpointId,
    limit: Math.min(limit + 1, STORE_PAGE_MAX),
    ...(query.outcome ? { outcome: query.outcome } : {}),
    ...(query.before ? { before: query.before } : {}),
  });
  const page = rows.slice(0, limit);
  const dispatch = await store.requestLogs.dispatchResults(
    query.workspaceId,
    page.map((row) => row.id),
  );
  const hasMore = rows.length > limit || (limit === STORE_PAGE_MAX && rows.length === limit);
  return {
    items: page.map((row) =>
      toRequestLogView(row, {
        bodyLimitBytes: LIST_BODY_LIMIT_BYTES,
        dispatch: dispatch.get(row.id) ?? [],
      }),
    ),
    nextCursor: hasMore ? (page.at(-1)?.id ?? null) : null,
  };
}
