import { useState } from 'react';
import type { Integration } from '../../../api/integration-types.js';
import type { SubscriptionList } from '../../../api/subscription-types.js';
import { navigate } from '../../../app/router.js';
import { ErrorMessage } from '../../../ui/feedback.js';
import { CREATE_LABELS } from '../method-labels.js';
import { oauthSetupPath } from '../paths.js';
import { startBuilder } from './start-builder.js';

/**
 * One button per way the integration can be subscribed to. At the workspace's limit they are
 * disabled and say why (the server refuses the 11th anyway); OAuth first checks the OAuth client,
 * the others start a builder at once.
 */
export function CreateButtons({
  integration,
  subscriptions,
}: {
  readonly integration: Integration;
  readonly subscriptions: SubscriptionList | undefined;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const count = subscriptions?.items.length ?? 0;
  const full = subscriptions !== undefined && count >= subscriptions.limit;
  const start = (method: 'manual' | 'api-key') => {
    setBusy(true);
    startBuilder(integration.id, method).catch((failure: unknown) => {
      setError(failure);
      setBusy(false);
    });
  };
  // OAuth and API key create the webhook for the user: offered first, as the easier way.
  const methods = (['oauth', 'api-key', 'manual'] as const).filter((method) =>
    integration.subscriptionMethods.includes(method),
  );
  return (
    <div>
      <div className="row">
        {methods.map((method) => (
          <button
            key={method}
            type="button"
            className={method === 'manual' ? 'secondary' : undefined}
            disabled={full || busy}
            onClick={() => (method === 'oauth' ? navigate(oauthSetupPath(integration.id)) : start(method))}
          >
            {CREATE_LABELS[method]}
          </button>
        ))}
      </div>
      {full ? (
        <p className="muted" role="status">
          {count} of {subscriptions.limit} subscriptions: delete one to add another.
        </p>
      ) : null}
      <ErrorMessage error={error} />
    </div>
  );
}
