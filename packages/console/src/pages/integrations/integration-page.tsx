import { listIntegrations, listSubscriptions } from '../../api/integrations-api.js';
import { Link } from '../../app/router.js';
import { EmptyState, ErrorMessage, Loading } from '../../ui/feedback.js';
import { useAsync } from '../../ui/use-async.js';
import { CreateButtons } from './create/create-buttons.js';
import { IntegrationBadges } from './integration-badges.js';
import { IntegrationEvents } from './integration-events.js';
import { IntegrationIcon } from './integration-icon.js';
import { SubscriptionTable } from './subscriptions/subscription-table.js';

/** One integration: its subscriptions in this workspace (create, edit, delete) and its events. */
export function IntegrationPage({ id }: { readonly id: string }) {
  const integrations = useAsync(listIntegrations, []);
  const subscriptions = useAsync(() => listSubscriptions(id), [id]);
  const integration = integrations.data?.find((candidate) => candidate.id === id);

  if (integrations.data === undefined) {
    return integrations.error ? (
      <ErrorMessage error={integrations.error} />
    ) : (
      <Loading what="the integration" />
    );
  }
  if (!integration) {
    return (
      <EmptyState title="No such integration">
        This server offers no integration <code>{id}</code>.{' '}
        <Link to="/integrations">See the integrations</Link>.
      </EmptyState>
    );
  }
  return (
    <>
      <p>
        <Link to="/integrations">← Integrations</Link>
      </p>
      <div className="row integration-header">
        <IntegrationIcon src={integration.icon} size={40} />
        <div>
          <h1>{integration.name}</h1>
          <p className="muted">{integration.description}</p>
          <IntegrationBadges integration={integration} />
        </div>
      </div>

      <section aria-labelledby="subscriptions-heading">
        <div className="spread">
          <h2 id="subscriptions-heading">
            Subscriptions
            {subscriptions.data ? (
              <span className="muted">
                {' '}
                ({subscriptions.data.items.length} of {subscriptions.data.limit})
              </span>
            ) : null}
          </h2>
        </div>
        <p className="muted">
          A subscription is a webhook that sends this integration's events here. Triggers in workflows pick
          one of them; subscribing to all events lets later triggers reuse it.
        </p>
        <CreateButtons integration={integration} subscriptions={subscriptions.data} />
        <ErrorMessage error={subscriptions.error} />
        {subscriptions.data === undefined ? (
          subscriptions.error ? null : (
            <Loading what="subscriptions" />
          )
        ) : subscriptions.data.items.length === 0 ? (
          <EmptyState title="No subscriptions yet">
            Create one above; its callback URL receives events as soon as the external system sends them.
          </EmptyState>
        ) : (
          <SubscriptionTable
            integration={integration}
            subscriptions={subscriptions.data.items}
            onChanged={subscriptions.reload}
          />
        )}
      </section>

      <IntegrationEvents integration={integration} />
    </>
  );
}
