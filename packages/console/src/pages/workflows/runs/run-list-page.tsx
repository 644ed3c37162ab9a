import { useState } from 'react';
import { apiRequest } from '../../../api/http.js';
import { isRunActive, type RunPage, type RunSummary } from '../../../api/run-types.js';
import type { WorkflowList, WorkflowSummary } from '../../../api/workflow-types.js';
import { Link, navigate } from '../../../app/router.js';
import { EmptyState, ErrorMessage, Loading } from '../../../ui/feedback.js';
import { useAsync, useInterval } from '../../../ui/use-async.js';
import { formatDuration, formatTime } from '../format-time.js';
import { loadRuns } from './load-runs.js';
import { RunStatusBadge } from './run-status-badge.js';

/** `/runs?workflow=<id>`: the workspace's runs newest first, of every workflow or of one. */
export function RunListPage({ workflowId }: { readonly workflowId: string | undefined }) {
  const workflows = useAsync(() => apiRequest<WorkflowList>('/workflows'), []);
  const items = workflows.data?.items;
  return (
    <section>
      <div className="spread">
        <h1>Runs</h1>
        <label className="inline-label">
          Workflow{' '}
          <select
            aria-label="Workflow"
            value={workflowId ?? ''}
            onChange={(event) =>
              navigate(
                event.currentTarget.value
                  ? `/runs?workflow=${encodeURIComponent(event.currentTarget.value)}`
                  : '/runs',
              )
            }
          >
            <option value="">All workflows</option>
            {items?.map((workflow) => (
              <option key={workflow.id} value={workflow.id}>
                {workflow.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorMessage error={workflows.error} />
      {items?.length === 0 ? (
        <EmptyState title="No workflows yet">Import a workflow; its runs show here.</EmptyState>
      ) : (
        <RunList key={workflowId ?? ''} workflowId={workflowId} workflows={items ?? []} />
      )}
    </section>
  );
}

/**
 * The first page, polled while one of its runs is still going, and the older pages "Load more"
 * brought in. One request per page, whatever the number of workflows.
 */
function RunList({
  workflowId,
  workflows,
}: {
  readonly workflowId: string | undefined;
  readonly workflows: readonly WorkflowSummary[];
}) {
  const first = useAsync(() => loadRuns({ workflowId }), [workflowId]);
  const [older, setOlder] = useState<{
    readonly runs: readonly RunSummary[];
    readonly cursor: string | null;
  }>();
  const [olderError, setOlderError] = useState<unknown>();
  const [loadingMore, setLoadingMore] = useState(false);
  useInterval(first.reload, first.data?.items.some((run) => isRunActive(run.status)) ? 2000 : undefined);
  const cursor = older ? older.cursor : first.data?.nextCursor;
  // Polling refreshes the first page: a run it still shows must not show twice.
  const onFirst = new Set(first.data?.items.map((run) => run.id));
  const runs = first.data
    ? [...first.data.items, ...(older?.runs ?? []).filter((run) => !onFirst.has(run.id))]
    : undefined;
  const loadMore = (before: string) => {
    setOlderError(undefined);
    setLoadingMore(true);
    loadRuns({ workflowId, before })
      .then(
        (page: RunPage) =>
          setOlder((previous) => ({
            runs: [...(previous?.runs ?? []), ...page.items],
            cursor: page.nextCursor,
          })),
        setOlderError,
      )
      .finally(() => setLoadingMore(false));
  };
  return (
    <>
      <RunTable runs={runs} loading={first.loading} error={first.error} workflows={workflows} />
      <ErrorMessage error={olderError} />
      {cursor ? (
        <button type="button" className="secondary" disabled={loadingMore} onClick={() => loadMore(cursor)}>
          {loadingMore ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
    </>
  );
}

function RunTable({
  runs,
  loading,
  error,
  workflows,
}: {
  readonly runs: readonly RunSummary[] | undefined;
  readonly loading: boolean;
  readonly error: Error | undefined;
  readonly workflows: readonly WorkflowSummary[];
}) {
  const names = new Map(workflows.map((workflow) => [workflow.id, workflow.name]));
  if (error && !runs) return <ErrorMessage error={error} />;
  if (!runs) return loading ? <Loading what="runs" /> : null;
  if (runs.length === 0) {
    return (
      <EmptyState title="No runs yet">
        Runs appear when a published trigger fires, or when “Run this step” captures an event for the draft.
      </EmptyState>
    );
  }
  return (
    <>
      <ErrorMessage error={error} />
      <table aria-label="Runs">
        <thead>
          <tr>
            <th>Run</th>
            <th>Workflow</th>
            <th>Status</th>
            <th>Trigger</th>
            <th>Took</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <td>
                <Link to={`/runs/${encodeURIComponent(run.id)}`}>{formatTime(run.createdAt)}</Link>
                <div className="muted">
                  {run.draft ? 'draft' : 'published'}
                  {run.attempt > 1 ? ` · attempt ${run.attempt}` : ''}
                </div>
              </td>
              <td>
                <Link to={`/workflows/${encodeURIComponent(run.workflowId)}`}>
                  {names.get(run.workflowId) ?? run.workflowId}
                </Link>
              </td>
              <td>
                <RunStatusBadge status={run.status} />
                {run.error ? <div className="muted run-error">{run.error}</div> : null}
              </td>
              <td>
                {run.trigger.event ? (
                  <code>
                    {run.trigger.event}
                    {run.trigger.action ? `.${run.trigger.action}` : ''}
                  </code>
                ) : (
                  run.trigger.type
                )}
                <div className="muted">{run.invokeFrom}</div>
              </td>
              <td className="muted">{formatDuration(run.startedAt, run.finishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
