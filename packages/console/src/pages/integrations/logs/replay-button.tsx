import { useState } from 'react';
import { replayLog } from '../../../api/integrations-api.js';
import type { RequestLog } from '../../../api/request-log-types.js';
import { ErrorMessage } from '../../../ui/feedback.js';

/**
 * Dispatches a stored delivery again (after fixing a workflow, say); the server refuses requests
 * it never verified, in words shown here.
 */
export function ReplayButton({
  subscriptionId,
  log,
  onReplayed,
}: {
  readonly subscriptionId: string;
  readonly log: RequestLog;
  readonly onReplayed: (newLogId: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <>
      <button
        type="button"
        className="small"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          replayLog(subscriptionId, log.id).then(
            (answer) => {
              setBusy(false);
              setError(undefined);
              onReplayed(answer.id);
            },
            (failure: unknown) => {
              setError(failure);
              setBusy(false);
            },
          );
        }}
      >
        {busy ? 'Replaying…' : 'Replay'}
      </button>
      <ErrorMessage error={error} />
    </>
  );
}
