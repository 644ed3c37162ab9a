import { useState } from 'react';
import {
  getSubscription,
  getSubscriptionLog,
  listIntegrations,
  listSubscriptionLogs,
} from '../../../api/integrations-api.js';
import { REQUEST_OUTCOMES, type RequestLog, type RequestOutcome } from '../../../api/request-log-types.js';
import { Link } from '../../../app/router.js';
import { EmptyState, ErrorMessage, Loading } from '../../../ui/feedback.js';
import { useAsync } from '../../../ui/use-async.js';
import { integrationPath } from '../paths.js';
import { StatusBadge } from '../subscriptions/status-badge.js';
import { ReplayButton } from './replay-button.js';
import { RequestLogTable } from './request-log-table.js';

const PAGE_SIZE = 50;

/**
 * A subscription's request logs, newest first: filter by outcome, page back through older ones,
 * open a request to see everything about it, and replay a stored delivery.
 */
export function SubscriptionLogsPage({ id }: { readonly id: string }) {
  const subscription = useAsync(() => getSubscription(id), [id]);
  const integrations = useAsync(listIntegrations, []);
  const integrationName =
    integrations.data?.find((integration) => integration.id === subscription.data?.integration)?.name ??
    subscription.data?.integration;
  const [outcome, setOutcome] = useState<RequestOutcome | undefined>();
  const first = useAsync(() => listSubscriptionLogs(id, { outcome, limit: PAGE_SIZE }), [id, outcome]);
  // Older pages the user asked for, kept until the filter changes or the list is refreshed.
  const [older, setOlder] = useState<{ items: readonly RequestLog[]; nextCursor: string | null }>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();

  const refresh = () => {
    setOlder(undefined);
    first.reload();
  };
  const cursor = older ? older.nextCursor : (first.data?.nextCursor ?? null);
  const logs = [...(first.data?.items ?? []), ...(older?.items ?? [])];

  return (
    <>
      {subscription.data ? (
        <p>
          <Link to={integrationPath(subscription.data.integration)}>← {integrationName} subscriptions</Link>
        </p>
      ) : null}
      <h1>Request logs{subscription.data ? `: ${subscription.data.name}` : ''}</h1>
      <ErrorMessage error={subscription.error} />
      {subscription.data ? (
        <p className="row">
          <StatusBadge status={subscription.data.status} reason={subscription.data.statusReason} />
          <code className="muted">{subscription.data.endpoint}</code>
        </p>
      ) : null}

      <div className="row toolbar">
        <label>
          Outcome{' '}
          <select
            aria-label="Outcome"
            value={outcome ?? ''}
            onChange={(event) => {
              setOlder(undefined);
              setOutcome((event.target.value || undefined) as RequestOutcome | undefined);
            }}
          >
            <option value="">All outcomes</option>
            {REQUEST_OUTCOMES.map((value) => (
              <option key={value} value={value}>
                {value.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="secondary" onClick={refresh} disabled={first.loading}>
          {first.loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      <ErrorMessage error={first.error} />

      {first.data === undefined ? (
        first.error ? null : (
          <Loading what="request logs" />
        )
      ) : logs.length === 0 ? (
        <EmptyState title={outcome ? `No ${outcome.replace('_', ' ')} requests` : 'No requests yet'}>
          Requests to the callback URL show here as they arrive, with what became of them.
        </EmptyState>
      ) : (
        <RequestLogTable
          logs={logs}
          label="Request logs"
          loadWhole={(log) => getSubscriptionLog(id, log.id)}
          actions={(log) => (
            <ReplayButton
              subscriptionId={id}
              log={log}
              onReplayed={(newId) => {
                setNotice(`Replayed: the delivery was dispatched again as request ${newId} (at the top).`);
                refresh();
              }}
            />
          )}
        />
      )}
      <ErrorMessage error={olderError} />
      {cursor ? (
        <button
          type="button"
          className="secondary"
          disabled={loadingOlder}
          onClick={() => {
            setLoadingOlder(true);
            listSubscriptionLogs(id, { outcome, limit: PAGE_SIZE, before: cursor }).then(
              (page) => {
                setOlder({ items: [...(older?.items ?? []), ...page.items], nextCursor: page.nextCursor });
                setOlderError(undefined);
                setLoadingOlder(false);
              },
              (failure: unknown) => {
                setOlderError(failure);
                setLoadingOlder(false);
              },
            );
          }}
        >
          {loadingOlder ? 'Loading…' : 'Load older requests'}
        </button>
      ) : null}
    </>
  );
}
