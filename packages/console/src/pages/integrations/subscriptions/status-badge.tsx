import type { SubscriptionStatus } from '../../../api/subscription-types.js';
import { STATUS_TONES } from '../method-labels.js';

/** A subscription's status, with the reason beside it when it is not active. */
export function StatusBadge({
  status,
  reason,
}: {
  readonly status: SubscriptionStatus;
  readonly reason: string | null;
}) {
  return (
    <span>
      <span className={`badge ${STATUS_TONES[status]}`} title={reason ?? undefined}>
        {status}
      </span>
      {reason ? <div className="muted small-text">{reason}</div> : null}
    </span>
  );
}
