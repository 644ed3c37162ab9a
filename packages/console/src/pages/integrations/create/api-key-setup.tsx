import { useState } from 'react';
import type { Integration } from '../../../api/integration-types.js';
import { updateBuilder, verifyBuilder } from '../../../api/integrations-api.js';
import type { ParameterValue } from '../../../api/parameter-types.js';
import type { Builder } from '../../../api/subscription-types.js';
import { ErrorMessage } from '../../../ui/feedback.js';
import { ParameterField } from '../../../ui/parameter-field.js';
import { ParameterStep } from './parameter-step.js';

/**
 * "Create with API Key": enter the credentials and Verify (the external system is asked, and its
 * refusal is shown in its words), then choose what to subscribe to.
 */
export function ApiKeySetup({
  integration,
  builder,
  onChanged,
}: {
  readonly integration: Integration;
  readonly builder: Builder;
  readonly onChanged: () => void;
}) {
  const [credentials, setCredentials] = useState<Record<string, ParameterValue>>({});
  const [verified, setVerified] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const entered = Object.values(credentials).some((value) => value !== '');

  const verify = async () => {
    if (entered) {
      const kept = Object.fromEntries(Object.entries(credentials).filter(([, value]) => value !== ''));
      await updateBuilder(builder.id, { credentials: kept });
    }
    await verifyBuilder(builder.id);
  };

  return (
    <>
      <section className="card" aria-label="Credentials">
        <h2>1. Credentials</h2>
        {verified ? (
          <p role="status">
            <span className="badge ok">verified</span> {integration.name} accepted the credentials.{' '}
            <button type="button" className="secondary small" onClick={() => setVerified(false)}>
              Change
            </button>
          </p>
        ) : (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setBusy(true);
              setError(undefined);
              verify().then(
                () => {
                  setVerified(true);
                  setBusy(false);
                  setCredentials({});
                  onChanged();
                },
                (failure: unknown) => {
                  setError(failure);
                  setBusy(false);
                },
              );
            }}
          >
            {builder.hasCredentials ? (
              <p className="muted">Credentials are saved on this setup; enter new ones to replace them.</p>
            ) : null}
            {integration.credentialsSchema.map((parameter) => (
              <ParameterField
                key={parameter.name}
                parameter={parameter}
                value={credentials[parameter.name]}
                onChange={(value) => setCredentials((previous) => ({ ...previous, [parameter.name]: value }))}
              />
            ))}
            <ErrorMessage error={error} />
            <button type="submit" disabled={busy || (!entered && !builder.hasCredentials)}>
              {busy ? 'Verifying…' : 'Verify'}
            </button>
          </form>
        )}
      </section>
      <section className="card" aria-label="Subscription">
        <h2>2. Subscription</h2>
        {verified ? (
          <ParameterStep integration={integration} builder={builder} />
        ) : (
          <p className="muted">Verify the credentials first.</p>
        )}
      </section>
    </>
  );
}
