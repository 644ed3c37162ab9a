import { apiRequest } from '../../../api/http.js';
import type { RunPage } from '../../../api/run-types.js';

/** Runs per page of the run list. */
export const RUN_PAGE_SIZE = 50;

/**
 * One page of the workspace's runs, newest first across its workflows, or of one workflow;
 * `before` is the previous page's `nextCursor`.
 */
export function loadRuns(filter: {
  readonly workflowId?: string | undefined;
  readonly before?: string | undefined;
}): Promise<RunPage> {
  return apiRequest<RunPage>('/runs', {
    query: { limit: RUN_PAGE_SIZE, workflowId: filter.workflowId, before: filter.before },
  });
}
