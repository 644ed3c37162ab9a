import { getBuilder, listIntegrations } from '../../../api/integrations-api.js';
import { Link } from '../../../app/router.js';
import { EmptyState, ErrorMessage, Loading } from '../../../ui/feedback.js';
import { formatTime } from '../../../ui/format.js';
import { useAsync } from '../../../ui/use-async.js';
import { LiveRequestLogs } from '../logs/live-request-logs.js';
import { CREATE_LABELS } from '../method-labels.js';
import { integrationPath } from '../paths.js';
import { ApiKeySetup } from './api-key-setup.js';
import { ManualSetup } from './manual-setup.js';
import { OAuthBuilderSetup } from './oauth-builder-setup.js';

/**
 * A subscription being set up (a builder). Its callback URL is live from the start: whatever it
 * receives shows in the Request Logs panel at the bottom while the user finishes the setup.
 */
export function BuilderPage({
  integrationId,
  builderId,
}: {
  readonly integrationId: string;
  readonly builderId: string;
}) {
  const integrations = useAsync(listIntegrations, []);
  const builder = useAsync(() => getBuilder(builderId), [builderId]);
  const integration = integrations.data?.find((candidate) => candidate.id === integrationId);
  const back = (
    <Link to={integrationPath(integrationId)}>← {integration?.name ?? integrationId} subscriptions</Link>
  );

  if (builder.error && !builder.data) {
    return (
      <>
        <p>{back}</p>
        <ErrorMessage error={builder.error} />
        <EmptyState title="This setup is gone">
          Unfinished setups expire 30 minutes after their last change. Start again from the integration.
        </EmptyState>
      </>
    );
  }
  if (integrations.error) return <ErrorMessage error={integrations.error} />;
  if (!builder.data || !integration) return <Loading what="the subscription setup" />;

  const current = builder.data;
  return (
    <>
      <p>{back}</p>
      <h1>{CREATE_LABELS[current.method]}</h1>
      <p className="muted">
        {integration.name} · unfinished setups are kept until {formatTime(current.expiresAt)}
      </p>
      {current.method === 'manual' ? (
        <ManualSetup integration={integration} builder={current} />
      ) : current.method === 'api-key' ? (
        <ApiKeySetup integration={integration} builder={current} onChanged={builder.reload} />
      ) : (
        <OAuthBuilderSetup integration={integration} builder={current} />
      )}
      <LiveRequestLogs builderId={current.id} />
    </>
  );
}
