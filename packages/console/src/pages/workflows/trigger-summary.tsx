import { apiRequest } from '../../api/http.js';
import type { TriggerList, WorkflowTrigger } from '../../api/workflow-types.js';
import { ErrorMessage } from '../../ui/feedback.js';
import { useAsync } from '../../ui/use-async.js';

const STATE_TONE: Record<WorkflowTrigger['state'], string> = {
  active: 'ok',
  disabled: 'warn',
  subscription_deleted: 'bad',
};

/** A trigger's state as a badge: active, disabled, or its subscription deleted. */
export function TriggerStateBadge({ state }: { readonly state: WorkflowTrigger['state'] }) {
  return <span className={`badge ${STATE_TONE[state]}`}>{state.replace('_', ' ')}</span>;
}

/** How many triggers the published version has, and in which states (a cell of the workflow list). */
export function TriggerSummary({
  workflowId,
  published,
}: {
  readonly workflowId: string;
  readonly published: boolean;
}) {
  const triggers = useAsync(
    () =>
      published
        ? apiRequest<TriggerList>(`/workflows/${encodeURIComponent(workflowId)}/triggers`)
        : Promise.resolve(undefined),
    [workflowId, published],
  );
  if (!published) return <span className="muted">not published</span>;
  if (triggers.error) return <ErrorMessage error={triggers.error} />;
  if (!triggers.data) return <span className="muted">…</span>;
  const items = triggers.data.items;
  const counts = new Map<WorkflowTrigger['state'], number>();
  for (const item of items) counts.set(item.state, (counts.get(item.state) ?? 0) + 1);
  return (
    <span className="row">
      <span>
        {items.length} {items.length === 1 ? 'trigger' : 'triggers'}
      </span>
      {[...counts].map(([state, count]) => (
        <span key={state} title={`${count} ${state}`}>
          <TriggerStateBadge state={state} /> {count > 1 ? `×${count}` : ''}
        </span>
      ))}
    </span>
  );
}
