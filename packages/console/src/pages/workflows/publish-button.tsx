import { useState } from 'react';
import { apiRequest } from '../../api/http.js';
import type { WorkflowSummary } from '../../api/workflow-types.js';
import { WorkflowError } from './workflow-error.js';

/** Publishes the draft as the next version; a refusal lists every problem the server found. */
export function PublishButton({
  workflowId,
  onPublished,
}: {
  readonly workflowId: string;
  readonly onPublished: (workflow: WorkflowSummary) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [published, setPublished] = useState<number | null>(null);
  return (
    <div className="publish">
      <div className="row">
        <button
          type="button"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            setError(undefined);
            setPublished(null);
            apiRequest<WorkflowSummary>(`/workflows/${encodeURIComponent(workflowId)}/publish`, {
              method: 'POST',
            }).then(
              (workflow) => {
                setBusy(false);
                setPublished(workflow.publishedVersion);
                onPublished(workflow);
              },
              (failure: unknown) => {
                setBusy(false);
                setError(failure);
              },
            );
          }}
        >
          {busy ? 'Publishing…' : 'Publish'}
        </button>
        {published !== null ? (
          <span className="badge ok" role="status">
            Published version {published}
          </span>
        ) : null}
      </div>
      <WorkflowError error={error} />
    </div>
  );
}
