import { listIntegrations } from '../../api/integrations-api.js';
import { Link } from '../../app/router.js';
import { EmptyState, ErrorMessage, Loading } from '../../ui/feedback.js';
import { useAsync } from '../../ui/use-async.js';
import { IntegrationBadges } from './integration-badges.js';
import { IntegrationIcon } from './integration-icon.js';

/** The catalog: every integration this server offers, with what it sends and how to subscribe. */
export function IntegrationListPage() {
  const integrations = useAsync(listIntegrations, []);
  return (
    <>
      <h1>Integrations</h1>
      <p className="muted">
        Subscribe to an external system's events, then start workflows from them with an integration trigger.
      </p>
      <ErrorMessage error={integrations.error} />
      {integrations.data === undefined ? (
        integrations.error ? null : (
          <Loading what="integrations" />
        )
      ) : integrations.data.length === 0 ? (
        <EmptyState title="No integrations">This server offers no integrations.</EmptyState>
      ) : (
        <div className="grid">
          {integrations.data.map((integration) => (
            <Link
              key={integration.id}
              to={`/integrations/${encodeURIComponent(integration.id)}`}
              className="card integration-card"
              aria-label={integration.name}
            >
              <div className="row">
                <IntegrationIcon src={integration.icon} />
                <strong>{integration.name}</strong>
              </div>
              <p>{integration.description}</p>
              <IntegrationBadges integration={integration} />
            </Link>
          ))}
        </div>
      )}
    </>
  );
}
