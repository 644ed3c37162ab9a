import { type ReactNode, useState } from 'react';
import type { EventDispatch, RequestLog } from '../../../api/request-log-types.js';
import { Link } from '../../../app/router.js';
import { BodyView, HeadersTable } from '../../../ui/body-view.js';
import { ErrorMessage } from '../../../ui/feedback.js';
import { runPath } from '../paths.js';
import { eventNames, OutcomeBadge } from './outcome-badge.js';

/**
 * Everything about one request: what arrived (headers with secrets redacted by the server, the
 * body), what was read from it, what was answered, and what it started.
 */
export function RequestLogDetail({
  log: listed,
  actions,
  loadWhole,
}: {
  readonly log: RequestLog;
  /** e.g. the Replay button, shown above the details. */
  readonly actions?: ReactNode;
  /** Fetches the log with its whole body, for bodies the list cut at 64 KiB. */
  readonly loadWhole?: (() => Promise<RequestLog>) | undefined;
}) {
  const [whole, setWhole] = useState<RequestLog>();
  const [error, setError] = useState<unknown>();
  const log = whole ?? listed;
  return (
    <section className="log-detail" aria-label={`Request ${log.id}`}>
      {actions ? <div className="row">{actions}</div> : null}
      <div className="log-detail-grid">
        <section>
          <h3>Request</h3>
          <p>
            <code>
              {log.request.method} {log.request.path}
            </code>
            {log.deliveryId ? (
              <span className="muted">
                {' '}
                · delivery <code>{log.deliveryId}</code>
              </span>
            ) : null}
            {log.replayOf ? <span className="muted"> · replay of {log.replayOf}</span> : null}
          </p>
          <HeadersTable headers={log.request.headers} label="Request headers" />
          <BodyView
            label="Request body"
            body={log.request.body}
            encoding={log.request.bodyEncoding}
            size={log.request.bodySize}
          />
          {log.request.bodyTruncated ? (
            <p className="muted">
              The list shows the first 64 KiB of this body.{' '}
              {loadWhole ? (
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => loadWhole().then(setWhole, setError)}
                >
                  Show all of it
                </button>
              ) : null}
            </p>
          ) : null}
          <ErrorMessage error={error} />
        </section>
        <section>
          <h3>Outcome</h3>
          <p>
            <OutcomeBadge outcome={log.outcome} /> {log.reason ? <span>{log.reason}</span> : null}
          </p>
          <p>
            Events: <code>{eventNames(log.events)}</code>
          </p>
          <Dispatch log={log} />
          <h3>Response</h3>
          <p>
            Status <code>{log.response.status}</code>
          </p>
          <BodyView label="Response body" body={log.response.body} />
          <h3>Runs</h3>
          {log.runs.length === 0 ? (
            <p className="muted">
              {log.dispatchState === 'pending' ? 'Waiting to start workflows…' : 'No runs started.'}
            </p>
          ) : (
            <ul className="plain-list">
              {log.runs.map((runId) => (
                <li key={runId}>
                  <Link to={runPath(runId)}>Run {runId}</Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </section>
  );
}

/** Per event, what each listening trigger did with it (or why none ran). */
function Dispatch({ log }: { readonly log: RequestLog }) {
  if (log.dispatch.length === 0) return null;
  return (
    <ul className="plain-list" aria-label="Dispatch">
      {log.dispatch.map((event) => (
        <li key={event.index}>
          <code>{event.action ? `${event.name}.${event.action}` : event.name}</code>: {dispatchText(event)}
          {event.triggers.length > 0 ? (
            <ul>
              {event.triggers.map((trigger) => (
                <li key={`${trigger.workflowId}/${trigger.nodeId}`}>
                  workflow <code>{trigger.workflowId}</code> trigger <code>{trigger.nodeId}</code>:{' '}
                  {trigger.outcome.replace('_', ' ')}
                  {trigger.draft ? ' (draft)' : ''}
                  {trigger.reason ? ` — ${trigger.reason}` : ''}
                  {trigger.runId ? (
                    <>
                      {' '}
                      <Link to={runPath(trigger.runId)}>open run</Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function dispatchText(event: EventDispatch): string {
  if (event.outcome === 'triggered') return 'sent to its triggers';
  if (event.outcome === 'no_listener') return event.reason ?? 'no workflow listens for it';
  return event.reason ?? 'could not be read';
}
