import { useState } from 'react';
import type { Integration } from '../../../api/integration-types.js';
import { getOAuthClient, listIntegrations, putOAuthClient } from '../../../api/integrations-api.js';
import type { ParameterValue } from '../../../api/parameter-types.js';
import type { OAuthClient } from '../../../api/subscription-types.js';
import { Link } from '../../../app/router.js';
import { CopyableValue } from '../../../ui/copyable-value.js';
import { EmptyState, ErrorMessage, Loading } from '../../../ui/feedback.js';
import { useAsync } from '../../../ui/use-async.js';
import { integrationPath } from '../paths.js';
import { startBuilder } from './start-builder.js';

/**
 * The first step of "Create with OAuth": the OAuth app the authorization goes through. Without one
 * (neither the workspace's nor one the operator configured) the user registers an app with the
 * provider, using the redirect URI shown, and enters its client id and secret; saved once, it
 * serves every later subscription.
 */
export function OAuthClientPage({ integrationId }: { readonly integrationId: string }) {
  const integrations = useAsync(listIntegrations, []);
  const client = useAsync(() => getOAuthClient(integrationId), [integrationId]);
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const integration = integrations.data?.find((candidate) => candidate.id === integrationId);

  if (integrations.error || (client.error && !client.data)) {
    return (
      <>
        <p>
          <Link to={integrationPath(integrationId)}>← Back</Link>
        </p>
        <ErrorMessage error={integrations.error ?? client.error} />
      </>
    );
  }
  if (!integration || !client.data) return <Loading what="the OAuth setup" />;
  if (!integration.oauth) {
    return <EmptyState title="No OAuth">{integration.name} does not offer OAuth subscriptions.</EmptyState>;
  }

  const start = () => {
    setBusy(true);
    startBuilder(integration.id, 'oauth').catch((failure: unknown) => {
      setError(failure);
      setBusy(false);
    });
  };
  const current = client.data;
  const needsClient = current.effective === null;

  return (
    <>
      <p>
        <Link to={integrationPath(integration.id)}>← {integration.name} subscriptions</Link>
      </p>
      <h1>Create with OAuth</h1>
      <section className="card" aria-label="OAuth client">
        <h2>OAuth app</h2>
        <p>{clientText(integration, current)}</p>
        {needsClient || editing ? (
          <ClientForm
            integration={integration}
            client={current}
            onSaved={() => {
              setEditing(false);
              client.reload();
            }}
            onCancel={editing ? () => setEditing(false) : undefined}
          />
        ) : (
          <button type="button" className="secondary small" onClick={() => setEditing(true)}>
            {current.client ? 'Change the workspace app' : 'Use an app of this workspace instead'}
          </button>
        )}
      </section>
      {needsClient ? null : (
        <section className="card">
          <ErrorMessage error={error} />
          <button type="button" disabled={busy} onClick={start}>
            {busy ? 'Starting…' : 'Continue'}
          </button>
        </section>
      )}
    </>
  );
}

function clientText(integration: Integration, client: OAuthClient): string {
  if (client.effective === 'workspace')
    return `Authorizations go through this workspace's ${integration.name} OAuth app.`;
  if (client.effective === 'system') {
    return `Authorizations go through the ${integration.name} OAuth app the operator configured for this server.`;
  }
  return `Register an OAuth app in ${integration.name} with the redirect URI below, then enter its client id and secret.`;
}

function ClientForm({
  integration,
  client,
  onSaved,
  onCancel,
}: {
  readonly integration: Integration;
  readonly client: OAuthClient;
  readonly onSaved: () => void;
  readonly onCancel: (() => void) | undefined;
}) {
  const fields = integration.oauth?.clientParameters ?? [];
  const [values, setValues] = useState<Record<string, ParameterValue>>(() => {
    // Plain fields start from the saved client; secrets stay empty (left empty, the saved one is kept).
    const initial: Record<string, ParameterValue> = {};
    for (const field of fields) {
      const saved = client.client?.[field.name];
      if (saved !== undefined && field.type !== 'secret') initial[field.name] = saved;
    }
    return initial;
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <form
      aria-label="OAuth app"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        const body: Record<string, ParameterValue> = { ...values };
        for (const field of fields) {
          // The API keeps a stored secret sent back masked.
          if (field.type === 'secret' && !body[field.name] && client.client?.[field.name] !== undefined) {
            body[field.name] = client.client[field.name] as ParameterValue;
          }
        }
        putOAuthClient(integration.id, body).then(onSaved, (failure: unknown) => {
          setError(failure);
          setBusy(false);
        });
      }}
    >
      <CopyableValue
        label="Redirect URI"
        value={client.redirectUri}
        hint={`Enter it as the callback URL of the OAuth app in ${integration.name}.`}
      />
      {fields.map((field) => (
        <label key={field.name}>
          {field.label}
          <input
            name={field.name}
            type={field.type === 'secret' ? 'password' : 'text'}
            autoComplete="off"
            required={
              field.required && !(field.type === 'secret' && client.client?.[field.name] !== undefined)
            }
            placeholder={
              field.type === 'secret' && client.client?.[field.name] ? 'Saved; type to replace' : ''
            }
            value={typeof values[field.name] === 'string' ? (values[field.name] as string) : ''}
            onChange={(event) => setValues((previous) => ({ ...previous, [field.name]: event.target.value }))}
          />
          {field.description ? <span className="muted small-text">{field.description}</span> : null}
        </label>
      ))}
      <ErrorMessage error={error} />
      <div className="row">
        <button type="submit" disabled={busy}>
          {busy ? 'Saving…' : 'Save'}
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
