import { useState } from 'react';
import { apiRequest } from '../../../api/http.js';
import { isRunActive, type Run } from '../../../api/run-types.js';
import type { WorkflowSummary } from '../../../api/workflow-types.js';
import { Link, navigate } from '../../../app/router.js';
import { ErrorMessage, Loading } from '../../../ui/feedback.js';
import { useAsync, useInterval } from '../../../ui/use-async.js';
import { formatDuration, formatTime } from '../format-time.js';
import { NodeTraceTable } from './node-trace-table.js';
import { RunStatusBadge } from './run-status-badge.js';

/** `/runs/:id`: a run's status, trigger, inputs, outputs, error and per-node trace, with Retry. */
export function RunDetailPage({ id }: { readonly id: string }) {
  const run = useAsync(() => apiRequest<Run>(`/runs/${encodeURIComponent(id)}`), [id]);
  const workflowId = run.data?.workflowId;
  const workflow = useAsync(
    () =>
      workflowId
        ? apiRequest<WorkflowSummary>(`/workflows/${encodeURIComponent(workflowId)}`)
        : Promise.resolve(undefined),
    [workflowId],
  );
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<unknown>();
  useInterval(run.reload, run.data && isRunActive(run.data.status) ? 1500 : undefined);

  if (run.error && !run.data) {
    return (
      <section>
        <Link to="/runs">← Runs</Link>
        <ErrorMessage error={run.error} />
      </section>
    );
  }
  if (!run.data) return <Loading what="the run" />;
  const current = run.data;
  const trigger = current.trigger;

  return (
    <section>
      <Link to={`/runs?workflow=${encodeURIComponent(current.workflowId)}`}>← Runs</Link>
      <div className="spread">
        <h1>
          Run <code>{current.id}</code> <RunStatusBadge status={current.status} />
        </h1>
        {current.status === 'failed' ? (
          <button
            type="button"
            disabled={retrying}
            onClick={() => {
              setRetrying(true);
              setRetryError(undefined);
              apiRequest<Run>(`/runs/${encodeURIComponent(current.id)}/retry`, { method: 'POST' }).then(
                (retry) => {
                  setRetrying(false);
                  navigate(`/runs/${encodeURIComponent(retry.id)}`);
                },
                (failure: unknown) => {
                  setRetrying(false);
                  setRetryError(failure);
                },
              );
            }}
          >
            {retrying ? 'Retrying…' : 'Retry'}
          </button>
        ) : null}
      </div>
      <ErrorMessage error={retryError} />
      <ErrorMessage error={run.error} />
      {current.error ? (
        <div className="error" role="alert">
          {current.error}
        </div>
      ) : null}
      <dl className="facts card">
        <dt>Workflow</dt>
        <dd>
          <Link to={`/workflows/${encodeURIComponent(current.workflowId)}`}>
            {workflow.data?.name ?? current.workflowId}
          </Link>{' '}
          <span className="muted">{current.draft ? '(draft)' : `(version ${current.versionId ?? '?'})`}</span>
        </dd>
        <dt>Trigger</dt>
        <dd>
          {trigger.type} <span className="muted">node {trigger.nodeId}</span>
          {trigger.event ? (
            <div>
              event <code>{trigger.event}</code>
              {trigger.action ? (
                <>
                  {' '}
                  action <code>{trigger.action}</code>
                </>
              ) : null}
            </div>
          ) : null}
          {trigger.subscriptionId ? <div className="muted">subscription {trigger.subscriptionId}</div> : null}
          {trigger.deliveryLogId ? <div className="muted">request log {trigger.deliveryLogId}</div> : null}
        </dd>
        <dt>Started from</dt>
        <dd>{current.invokeFrom}</dd>
        <dt>Attempt</dt>
        <dd>
          {current.attempt}
          {current.retryOf ? (
            <>
              {' '}
              (retries <Link to={`/runs/${encodeURIComponent(current.retryOf)}`}>{current.retryOf}</Link>)
            </>
          ) : null}
        </dd>
        <dt>Times</dt>
        <dd>
          created {formatTime(current.createdAt)}, started {formatTime(current.startedAt)}, finished{' '}
          {formatTime(current.finishedAt)}
          {current.finishedAt ? ` (${formatDuration(current.startedAt, current.finishedAt)})` : ''}
        </dd>
      </dl>
      <div className="grid">
        <div>
          <h2>Inputs</h2>
          <pre className="run-inputs">{JSON.stringify(current.inputs, null, 2)}</pre>
        </div>
        <div>
          <h2>Outputs</h2>
          {current.outputs ? (
            <pre className="run-outputs">{JSON.stringify(current.outputs, null, 2)}</pre>
          ) : (
            <p className="muted">{isRunActive(current.status) ? 'Not finished yet.' : 'None.'}</p>
          )}
        </div>
      </div>
      <h2>Trace</h2>
      <NodeTraceTable trace={current.trace} />
    </section>
  );
}
