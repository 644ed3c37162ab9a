import { apiRequest } from '../../../api/http.js';
import type { RunPage, RunSummary } from '../../../api/run-types.js';
import type { WorkflowSummary } from '../../../api/workflow-types.js';

/** Runs per workflow when all workflows are shown together. */
const PER_WORKFLOW = 20;

/** One page of a workflow's runs, newest first; `before` is the previous page's `nextCursor`. */
export function loadWorkflowRuns(workflowId: string, before?: string): Promise<RunPage> {
  return apiRequest<RunPage>(`/workflows/${encodeURIComponent(workflowId)}/runs`, {
    query: { limit: 50, before },
  });
}

/**
 * The latest runs of every workflow, newest first. The API lists runs per workflow only, so each
 * workflow's latest runs are asked for and merged; run ids are time-ordered, so they sort as created.
 */
export async function loadLatestRuns(workflows: readonly WorkflowSummary[]): Promise<RunSummary[]> {
  const pages = await Promise.all(
    workflows.map((workflow) =>
      apiRequest<RunPage>(`/workflows/${encodeURIComponent(workflow.id)}/runs`, {
        query: { limit: PER_WORKFLOW },
      }),
    ),
  );
  return pages
    .flatMap((page) => page.items)
    .sort((a, b) =>
      a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt),
    );
}
