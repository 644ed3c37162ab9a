import type { TriggerList, WorkflowTrigger } from '../../api/workflow-types.js';
import { EmptyState } from '../../ui/feedback.js';
import { formatTime } from './format-time.js';
import { TriggerToggle } from './trigger-toggle.js';

function filterText(parameters: WorkflowTrigger['eventParameters']): string {
  return Object.entries(parameters)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
    .join('; ');
}

/** The published version's entry nodes, what each listens to, and a switch for each. */
export function TriggerTable({
  workflowId,
  triggers,
  onChanged,
}: {
  readonly workflowId: string;
  readonly triggers: TriggerList;
  readonly onChanged: () => void;
}) {
  if (triggers.publishedVersion === null) {
    return <EmptyState title="Not published yet">Triggers fire once the workflow is published.</EmptyState>;
  }
  if (triggers.items.length === 0) {
    return (
      <EmptyState title="No triggers">Version {triggers.publishedVersion} starts only by hand.</EmptyState>
    );
  }
  return (
    <table aria-label="Triggers">
      <thead>
        <tr>
          <th>Trigger</th>
          <th>Listens to</th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        {triggers.items.map((trigger) => (
          <tr key={trigger.nodeId}>
            <td>
              {trigger.title}
              <div className="muted">
                {trigger.type} · {trigger.nodeId}
              </div>
            </td>
            <td>
              {trigger.integration ? (
                <>
                  {trigger.integration} <code>{trigger.event}</code>
                  <div className="muted">subscription {trigger.subscriptionId ?? '—'}</div>
                  {Object.keys(trigger.eventParameters).length > 0 ? (
                    <div className="muted">{filterText(trigger.eventParameters)}</div>
                  ) : null}
                </>
              ) : null}
              {trigger.nextRuns && trigger.nextRuns.length > 0 ? (
                <div className="muted">next: {trigger.nextRuns.slice(0, 3).map(formatTime).join(', ')}</div>
              ) : null}
              {trigger.type === 'trigger-webhook' ? (
                <span className="muted">HTTP requests to its URL</span>
              ) : null}
              {trigger.type === 'start' ? <span className="muted">runs started by hand</span> : null}
            </td>
            <td>
              <TriggerToggle workflowId={workflowId} trigger={trigger} onChanged={onChanged} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
