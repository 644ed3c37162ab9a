import { Fragment, type ReactNode, useState } from 'react';
import type { RequestLog } from '../../../api/request-log-types.js';
import { formatDateTime } from '../../../ui/format.js';
import { eventNames, OutcomeBadge } from './outcome-badge.js';
import { RequestLogDetail } from './request-log-detail.js';

/**
 * Request logs, newest first, one row each (time, method, status, outcome, events); a row opens to
 * its details. `actions` adds buttons to an open row (Replay on a subscription's logs).
 */
export function RequestLogTable({
  logs,
  label,
  actions,
  loadWhole,
}: {
  readonly logs: readonly RequestLog[];
  readonly label: string;
  readonly actions?: (log: RequestLog) => ReactNode;
  /** Fetches one log with its whole body (a subscription's logs can; a builder's list is all there is). */
  readonly loadWhole?: (log: RequestLog) => Promise<RequestLog>;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <table aria-label={label} className="log-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Method</th>
          <th>Status</th>
          <th>Outcome</th>
          <th>Events</th>
          <th>Runs</th>
        </tr>
      </thead>
      <tbody>
        {logs.map((log) => (
          <Fragment key={log.id}>
            <tr
              className="log-row"
              data-log-id={log.id}
              aria-expanded={open.has(log.id)}
              tabIndex={0}
              onClick={() => toggle(log.id)}
              onKeyDown={(event) => {
                if (event.key === 'Enter' || event.key === ' ') {
                  event.preventDefault();
                  toggle(log.id);
                }
              }}
            >
              <td>
                <span className="disclosure">{open.has(log.id) ? '▾' : '▸'}</span>{' '}
                {formatDateTime(log.receivedAt)}
                {log.replayOf ? <span className="badge">replay</span> : null}
              </td>
              <td>
                <code>{log.request.method}</code>
              </td>
              <td>
                <code>{log.response.status}</code>
              </td>
              <td>
                <OutcomeBadge outcome={log.outcome} />
              </td>
              <td>
                <code>{eventNames(log.events)}</code>
              </td>
              <td>{log.runs.length}</td>
            </tr>
            {open.has(log.id) ? (
              <tr className="log-detail-row">
                <td colSpan={6}>
                  <RequestLogDetail
                    log={log}
                    actions={actions?.(log)}
                    loadWhole={loadWhole ? () => loadWhole(log) : undefined}
                  />
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}
