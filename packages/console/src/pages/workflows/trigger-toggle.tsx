import { useState } from 'react';
import { apiRequest } from '../../api/http.js';
import type { WorkflowTrigger } from '../../api/workflow-types.js';
import { ErrorMessage } from '../../ui/feedback.js';
import { TriggerStateBadge } from './trigger-summary.js';

/** Switches a trigger of the published version on or off (`PATCH .../triggers/{nodeId}`). */
export function TriggerToggle({
  workflowId,
  trigger,
  onChanged,
}: {
  readonly workflowId: string;
  readonly trigger: WorkflowTrigger;
  readonly onChanged: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <span className="row">
      <TriggerStateBadge state={trigger.state} />
      <button
        type="button"
        className="secondary small"
        disabled={busy}
        aria-label={`${trigger.enabled ? 'Disable' : 'Enable'} ${trigger.title}`}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          apiRequest<WorkflowTrigger>(
            `/workflows/${encodeURIComponent(workflowId)}/triggers/${encodeURIComponent(trigger.nodeId)}`,
            { method: 'PATCH', body: { enabled: !trigger.enabled } },
          ).then(
            () => {
              setBusy(false);
              onChanged();
            },
            (failure: unknown) => {
              setBusy(false);
              setError(failure);
            },
          );
        }}
      >
        {trigger.enabled ? 'Disable' : 'Enable'}
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}
