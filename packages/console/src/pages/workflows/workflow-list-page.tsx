import { useState } from 'react';
import { apiRequest } from '../../api/http.js';
import type { WorkflowList, WorkflowSummary } from '../../api/workflow-types.js';
import { Link, navigate } from '../../app/router.js';
import { EmptyState, ErrorMessage, Loading } from '../../ui/feedback.js';
import { useAsync } from '../../ui/use-async.js';
import { ConfirmButton } from './confirm-button.js';
import { formatTime } from './format-time.js';
import { ImportWorkflowForm } from './import-workflow-form.js';
import { TriggerSummary } from './trigger-summary.js';
import { exportWorkflow } from './workflow-export.js';

/** `/workflows`: the workspace's workflows, with import, export and delete. */
export function WorkflowListPage() {
  const workflows = useAsync(() => apiRequest<WorkflowList>('/workflows'), []);
  const [importing, setImporting] = useState(false);
  const [actionError, setActionError] = useState<unknown>();
  const [busyId, setBusyId] = useState<string>();

  const act = (workflow: WorkflowSummary, action: () => Promise<void>) => {
    setBusyId(workflow.id);
    setActionError(undefined);
    action().then(
      () => setBusyId(undefined),
      (failure: unknown) => {
        setBusyId(undefined);
        setActionError(failure);
      },
    );
  };

  return (
    <section>
      <div className="spread">
        <h1>Workflows</h1>
        {importing ? null : (
          <button onClick={() => setImporting(true)} type="button">
            Import DSL
          </button>
        )}
      </div>
      {importing ? (
        <ImportWorkflowForm
          onCancel={() => setImporting(false)}
          onImported={(workflow) => navigate(`/workflows/${encodeURIComponent(workflow.id)}`)}
        />
      ) : null}
      <ErrorMessage error={actionError} />
      <ErrorMessage error={workflows.error} />
      {workflows.loading && !workflows.data ? <Loading what="workflows" /> : null}
      {workflows.data && workflows.data.items.length === 0 ? (
        <EmptyState title="No workflows yet">
          Import a Dify workflow DSL document (YAML or JSON) to create one.
        </EmptyState>
      ) : null}
      {workflows.data && workflows.data.items.length > 0 ? (
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Published</th>
              <th>Triggers</th>
              <th>Draft saved</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {workflows.data.items.map((workflow) => (
              <tr key={workflow.id}>
                <td>
                  <Link to={`/workflows/${encodeURIComponent(workflow.id)}`}>{workflow.name}</Link>
                  {workflow.description ? <div className="muted">{workflow.description}</div> : null}
                </td>
                <td>
                  {workflow.publishedVersion === null ? (
                    <span className="badge">draft only</span>
                  ) : (
                    <span className="badge ok">v{workflow.publishedVersion}</span>
                  )}
                </td>
                <td>
                  <TriggerSummary workflowId={workflow.id} published={workflow.publishedVersion !== null} />
                </td>
                <td className="muted">{formatTime(workflow.draftUpdatedAt)}</td>
                <td>
                  <span className="row">
                    <button
                      type="button"
                      className="secondary small"
                      disabled={busyId === workflow.id}
                      onClick={() => act(workflow, () => exportWorkflow(workflow))}
                    >
                      Export
                    </button>
                    <ConfirmButton
                      label="Delete"
                      question={`Delete “${workflow.name}” with its versions and runs?`}
                      busy={busyId === workflow.id}
                      onConfirm={() =>
                        act(workflow, async () => {
                          await apiRequest(`/workflows/${encodeURIComponent(workflow.id)}`, {
                            method: 'DELETE',
                          });
                          workflows.reload();
                        })
                      }
                    />
                  </span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
