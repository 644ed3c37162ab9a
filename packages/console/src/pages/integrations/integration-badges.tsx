import type { Integration } from '../../api/integration-types.js';
import { plural } from '../../ui/format.js';
import { METHOD_LABELS } from './method-labels.js';

/** How many events an integration sends and the ways it can be subscribed to, as badges in a row. */
export function IntegrationBadges({ integration }: { readonly integration: Integration }) {
  return (
    <div className="row">
      <span className="badge">{plural(integration.eventCount, 'event')}</span>
      {integration.subscriptionMethods.map((method) => (
        <span key={method} className="badge">
          {METHOD_LABELS[method]}
        </span>
      ))}
    </div>
  );
}
