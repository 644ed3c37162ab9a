import { useState } from 'react';
import type { Integration } from '../../../api/integration-types.js';
import { updateSubscription } from '../../../api/integrations-api.js';
import type { ParameterValue } from '../../../api/parameter-types.js';
import type { Subscription } from '../../../api/subscription-types.js';
import { Dialog } from '../../../ui/dialog.js';
import { ErrorMessage } from '../../../ui/feedback.js';
import { ParameterField } from '../../../ui/parameter-field.js';

/**
 * Rename a subscription; an automatic one also changes what it subscribes to (its events), which
 * the server applies to the external webhook. The repository stays: a subscription for another
 * repository is a new subscription.
 */
export function EditSubscriptionDialog({
  integration,
  subscription,
  onClose,
  onSaved,
}: {
  readonly integration: Integration;
  readonly subscription: Subscription;
  readonly onClose: () => void;
  readonly onSaved: () => void;
}) {
  const [name, setName] = useState(subscription.name);
  const [parameters, setParameters] = useState<Record<string, ParameterValue>>({
    ...subscription.parameters,
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const automatic = subscription.method !== 'manual';
  const editable = automatic
    ? integration.constructorParameters.filter((parameter) => parameter.type !== 'dynamic-select')
    : [];
  const fixed = automatic
    ? integration.constructorParameters.filter((parameter) => parameter.type === 'dynamic-select')
    : [];

  return (
    <Dialog title={`Edit ${subscription.name}`} onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          const changed = Object.fromEntries(
            editable
              .filter((parameter) => parameters[parameter.name] !== undefined)
              .map((parameter) => [parameter.name, parameters[parameter.name] as ParameterValue]),
          );
          updateSubscription(subscription.id, {
            ...(name.trim() !== subscription.name ? { name: name.trim() } : {}),
            ...(Object.keys(changed).length > 0 ? { parameters: changed } : {}),
          }).then(onSaved, (failure: unknown) => {
            setError(failure);
            setBusy(false);
          });
        }}
      >
        <label>
          Name
          <input
            name="name"
            value={name}
            required
            maxLength={100}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
        {fixed.map((parameter) => (
          <p key={parameter.name}>
            {parameter.label}: <code>{String(subscription.parameters[parameter.name] ?? '—')}</code>
          </p>
        ))}
        {editable.map((parameter) => (
          <ParameterField
            key={parameter.name}
            parameter={parameter}
            value={parameters[parameter.name]}
            onChange={(value) => setParameters((previous) => ({ ...previous, [parameter.name]: value }))}
          />
        ))}
        <ErrorMessage error={error} />
        <div className="row">
          <button type="submit" disabled={busy || name.trim() === ''}>
            {busy ? 'Saving…' : 'Save'}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
