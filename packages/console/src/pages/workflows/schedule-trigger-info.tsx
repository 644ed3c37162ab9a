import { apiRequest } from '../../api/http.js';
import type { DslNode, SchedulePreview } from '../../api/workflow-types.js';
import { ErrorMessage, Loading } from '../../ui/feedback.js';
import { useAsync } from '../../ui/use-async.js';
import { formatTime } from './format-time.js';

const SCHEDULE_FIELDS = ['mode', 'cron_expression', 'frequency', 'visual_config', 'timezone'] as const;

/** A schedule trigger: its cron expression, time zone and the next five times it fires. */
export function ScheduleTriggerInfo({ node }: { readonly node: DslNode }) {
  const body = Object.fromEntries(
    SCHEDULE_FIELDS.filter((field) => node.data[field] !== undefined && node.data[field] !== null).map(
      (field) => [field, node.data[field]],
    ),
  );
  const preview = useAsync(
    () => apiRequest<SchedulePreview>('/schedule-preview', { method: 'POST', body }),
    [body],
  );
  if (preview.error) return <ErrorMessage error={preview.error} />;
  if (!preview.data) return <Loading what="the next runs" />;
  return (
    <dl className="facts">
      <dt>Cron</dt>
      <dd>
        <code>{preview.data.cronExpression}</code> <span className="muted">({preview.data.timezone})</span>
      </dd>
      <dt>Next runs</dt>
      <dd>
        <ol className="compact">
          {preview.data.nextRuns.map((time) => (
            <li key={time}>
              <time dateTime={time}>{formatTime(time)}</time>
            </li>
          ))}
        </ol>
      </dd>
    </dl>
  );
}
