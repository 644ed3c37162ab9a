import { useState } from 'react';
import type { Integration } from '../../../api/integration-types.js';
import type { Subscription } from '../../../api/subscription-types.js';
import { Link } from '../../../app/router.js';
import { CopyButton } from '../../../ui/feedback.js';
import { formatDateTime } from '../../../ui/format.js';
import { METHOD_LABELS } from '../method-labels.js';
import { subscriptionLogsPath } from '../paths.js';
import { DeleteSubscription } from './delete-subscription.js';
import { EditSubscriptionDialog } from './edit-subscription-dialog.js';
import { StatusBadge } from './status-badge.js';

/** The workspace's subscriptions of one integration, each with its logs, edit and delete. */
export function SubscriptionTable({
  integration,
  subscriptions,
  onChanged,
}: {
  readonly integration: Integration;
  readonly subscriptions: readonly Subscription[];
  readonly onChanged: () => void;
}) {
  const [editing, setEditing] = useState<Subscription>();
  return (
    <>
      <table aria-label="Subscriptions">
        <thead>
          <tr>
            <th>Name</th>
            <th>Method</th>
            <th>Status</th>
            <th>Workflows</th>
            <th>Expires</th>
            <th>Callback URL</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {subscriptions.map((subscription) => (
            <tr key={subscription.id} data-subscription={subscription.name}>
              <td>
                <strong>{subscription.name}</strong>
                <SubscriptionParameters subscription={subscription} />
              </td>
              <td>{METHOD_LABELS[subscription.method]}</td>
              <td>
                <StatusBadge status={subscription.status} reason={subscription.statusReason} />
              </td>
              <td>{subscription.workflowsInUse}</td>
              <td>{subscription.expiresAt ? formatDateTime(subscription.expiresAt) : 'never'}</td>
              <td className="endpoint-cell">
                <code>{subscription.endpoint}</code> <CopyButton value={subscription.endpoint} />
              </td>
              <td>
                <div className="row">
                  <Link to={subscriptionLogsPath(subscription.id)}>Request logs</Link>
                  <button type="button" className="secondary small" onClick={() => setEditing(subscription)}>
                    Edit
                  </button>
                  <DeleteSubscription subscription={subscription} onDeleted={onChanged} />
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        <EditSubscriptionDialog
          integration={integration}
          subscription={editing}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            onChanged();
          }}
        />
      ) : null}
    </>
  );
}

/** What an automatic subscription was made for (repository, how many events), under its name. */
function SubscriptionParameters({ subscription }: { readonly subscription: Subscription }) {
  const parts = Object.entries(subscription.parameters).map(([name, value]) =>
    Array.isArray(value) ? `${name}: ${value.length}` : `${name}: ${String(value)}`,
  );
  if (parts.length === 0) return null;
  return <div className="muted small-text">{parts.join(' · ')}</div>;
}
