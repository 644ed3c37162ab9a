import type { Integration } from '../../../api/integration-types.js';
import type { Builder } from '../../../api/subscription-types.js';
import { CopyableValue } from '../../../ui/copyable-value.js';
import { FinishBuildForm } from './finish-build-form.js';
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
          <FinishBuildForm integrationId={integration.id} builder={builder} busyText="Creating…" />
        </li>
      </ol>
    </section>
  );
}
