import { listBuilderLogs } from '../../../api/integrations-api.js';
import { EmptyState, ErrorMessage } from '../../../ui/feedback.js';
import { useAsync, useInterval } from '../../../ui/use-async.js';
import { RequestLogTable } from './request-log-table.js';

/** How often the panel asks for new requests while the setup page is open. */
const POLL_MS = 2000;

/**
 * The Request Logs panel at the bottom of a setup page: every request the builder's callback URL
 * receives appears here within seconds, so the user can send a test event from the external system
 * and see it arrive (or why it was refused) before creating the subscription.
 */
export function LiveRequestLogs({ builderId }: { readonly builderId: string }) {
  const logs = useAsync(() => listBuilderLogs(builderId), [builderId]);
  useInterval(logs.reload, POLL_MS);
  return (
    <section className="card" aria-labelledby="live-logs-heading">
      <div className="spread">
        <h2 id="live-logs-heading">Request Logs</h2>
        <span className="muted small-text" aria-live="polite">
          {logs.loading ? 'Checking…' : 'Live: checks every 2 seconds'}
        </span>
      </div>
      {/* A failed poll keeps the last rows on screen and says why. */}
      <ErrorMessage error={logs.error} />
      {logs.data === undefined ? null : logs.data.items.length === 0 ? (
        <EmptyState title="No requests yet">
          Send a test event from the external system to the callback URL; it shows here with the answer it
          got.
        </EmptyState>
      ) : (
        <RequestLogTable logs={logs.data.items} label="Builder request logs" />
      )}
    </section>
  );
}
