import { useState } from 'react';
import { ApiError } from '../../../api/api-error.js';
import { deleteSubscription } from '../../../api/integrations-api.js';
import type { Subscription } from '../../../api/subscription-types.js';
import { ErrorMessage } from '../../../ui/feedback.js';
import { plural } from '../../../ui/format.js';

/**
 * Delete with a confirmation that says what it breaks. When the external system could not delete
 * its webhook (502 external_delete_failed), its message is shown and "Remove here anyway" forgets
 * the subscription here only (`?force=true`), leaving the webhook to be removed by hand.
 */
export function DeleteSubscription({
  subscription,
  onDeleted,
}: {
  readonly subscription: Subscription;
  readonly onDeleted: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const externalFailed = error instanceof ApiError && error.code === 'external_delete_failed';

  const remove = (force: boolean) => {
    setBusy(true);
    deleteSubscription(subscription.id, force).then(onDeleted, (failure: unknown) => {
      setError(failure);
      setBusy(false);
    });
  };

  if (!confirming) {
    return (
      <button type="button" className="secondary small" onClick={() => setConfirming(true)}>
        Delete
      </button>
    );
  }
  return (
    <fieldset className="confirm" aria-label={`Delete ${subscription.name}`}>
      <span>
        Delete “{subscription.name}”?
        {subscription.workflowsInUse > 0
          ? ` ${plural(subscription.workflowsInUse, 'workflow')} use it and will stop receiving its events.`
          : ''}
        {subscription.method !== 'manual' ? ' Its webhook is removed from the external system too.' : ''}
      </span>
      <ErrorMessage error={error} />
      <div className="row">
        {externalFailed ? (
          <button type="button" className="danger small" disabled={busy} onClick={() => remove(true)}>
            Remove here anyway
          </button>
        ) : (
          <button type="button" className="danger small" disabled={busy} onClick={() => remove(false)}>
            Confirm delete
          </button>
        )}
        <button
          type="button"
          className="secondary small"
          onClick={() => {
            setConfirming(false);
            setError(undefined);
          }}
        >
          Cancel
        </button>
      </div>
      {externalFailed ? (
        <span className="muted small-text">
          Removing it here stops Tripline from accepting its deliveries; delete the webhook in the external
          system yourself.
        </span>
      ) : null}
    </fieldset>
  );
}
