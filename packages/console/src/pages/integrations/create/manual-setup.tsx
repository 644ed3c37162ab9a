import { useState } from 'react';
import { CopyableValue } from '../../../ui/copyable-value.js';
import { ErrorMessage } from '../../../ui/feedback.js';
import type { Builder, Integration } from '../api-types.js';
import { finishBuild } from './finish-build.js';
import { revealedSecrets } from './revealed-builders.js';

/**
 * "Paste URL": the user creates the webhook in the external system with the callback URL and the
 * generated secret shown here. The secret is in clear only right after the setup was started (the
 * one answer that revealed it); afterwards only that it is saved.
 */
export function ManualSetup({
  integration,
  builder,
}: {
  readonly integration: Integration;
  readonly builder: Builder;
}) {
  const [name, setName] = useState(builder.name ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const revealed = revealedSecrets(builder.id);
  const secretProperties = integration.propertiesSchema.filter((property) => property.type === 'secret');

  return (
    <section className="card" aria-label="Manual setup">
      <ol className="steps">
        <li>
          <p>
            In {integration.name}, create a webhook that sends to this callback URL
            {secretProperties.length > 0 ? ', signed with the secret below' : ''}. Send JSON if you can
            choose.
          </p>
          <CopyableValue label="Callback URL" value={builder.endpoint} />
          {secretProperties.map((property) => {
            const value = revealed[property.name];
            return value ? (
              <CopyableValue
                key={property.name}
                label={property.label}
                value={value}
                hint={`Paste it into the secret field of the webhook in ${integration.name}. Shown only now: copy it before leaving this page.`}
              />
            ) : (
              <p key={property.name}>
                {property.label}: <code>{String(builder.properties[property.name] ?? 'not set')}</code>{' '}
                <span className="muted">
                  (saved; it was shown once, when this setup started. Start a new setup to get a new one.)
                </span>
              </p>
            );
          })}
        </li>
        <li>
          <p>Optional: send a test event from {integration.name} and check the Request Logs below.</p>
        </li>
        <li>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setBusy(true);
              finishBuild({ integration: integration.id, builderId: builder.id, name }).catch(
                (failure: unknown) => {
                  setError(failure);
                  setBusy(false);
                },
              );
            }}
          >
            <label>
              Subscription name
              <input
                name="name"
                value={name}
                maxLength={100}
                placeholder="Left empty, a name is given"
                onChange={(event) => setName(event.target.value)}
              />
            </label>
            <ErrorMessage error={error} />
            <button type="submit" disabled={busy}>
              {busy ? 'Creating…' : 'Create'}
            </button>
          </form>
        </li>
      </ol>
    </section>
  );
}
