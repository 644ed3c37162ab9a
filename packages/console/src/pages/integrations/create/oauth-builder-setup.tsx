import { useState } from 'react';
import type { Integration } from '../../../api/integration-types.js';
import { authorizeBuilder } from '../../../api/integrations-api.js';
import type { Builder } from '../../../api/subscription-types.js';
import { ErrorMessage } from '../../../ui/feedback.js';
import { ParameterStep } from './parameter-step.js';

/**
 * "Create with OAuth", once the OAuth client is set: Authorize sends the browser to the provider's
 * consent page, which comes back to /oauth-result and then here; with the authorization saved, the
 * user chooses what to subscribe to. An authorization the workspace saved before is reused.
 */
export function OAuthBuilderSetup({
  integration,
  builder,
}: {
  readonly integration: Integration;
  readonly builder: Builder;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const connected = builder.credential !== null && builder.credential !== undefined;

  return (
    <>
      <section className="card" aria-label="Authorization">
        <h2>1. Authorize</h2>
        {connected ? (
          <p role="status">
            <span className="badge ok">connected</span> Tripline may manage webhooks in {integration.name} on
            your behalf.
          </p>
        ) : (
          <>
            <p>
              {integration.name} asks you to allow Tripline to manage webhooks
              {integration.oauth?.scopes.length ? ` (scopes: ${integration.oauth.scopes.join(', ')})` : ''},
              then sends you back here.
            </p>
            <ErrorMessage error={error} />
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                setBusy(true);
                authorizeBuilder(builder.id).then(
                  (answer) => window.location.assign(answer.authorizationUrl),
                  (failure: unknown) => {
                    setError(failure);
                    setBusy(false);
                  },
                );
              }}
            >
              {busy ? 'Opening…' : `Authorize with ${integration.name}`}
            </button>
          </>
        )}
      </section>
      <section className="card" aria-label="Subscription">
        <h2>2. Subscription</h2>
        {connected ? (
          <ParameterStep integration={integration} builder={builder} />
        ) : (
          <p className="muted">Authorize first.</p>
        )}
      </section>
    </>
  );
}
