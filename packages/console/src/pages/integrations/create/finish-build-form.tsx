import { type ReactNode, useState } from 'react';
import type { ParameterValues } from '../../../api/parameter-types.js';
import type { Builder } from '../../../api/subscription-types.js';
import { ErrorMessage } from '../../../ui/feedback.js';
import { finishBuild } from './finish-build.js';

/**
 * The form that ends every way of subscribing: the subscription's name, the step's own fields
 * (`children`), then Create, which saves them on the builder and builds the subscription. A
 * refusal is shown in the server's words and the form can be sent again.
 */
export function FinishBuildForm({
  integrationId,
  builder,
  parameters,
  label,
  busyText,
  blocked = false,
  note,
  children,
}: {
  readonly integrationId: string;
  readonly builder: Builder;
  /** What the subscription subscribes to, saved on the builder before it is built. */
  readonly parameters?: ParameterValues;
  /** The form's accessible name. */
  readonly label?: string;
  /** The button's text while Create runs. */
  readonly busyText: string;
  /** Create stays disabled while something is still to fill in (`note` says what). */
  readonly blocked?: boolean;
  readonly note?: ReactNode;
  readonly children?: ReactNode;
}) {
  const [name, setName] = useState(builder.name ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  return (
    <form
      aria-label={label}
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        finishBuild({
          integration: integrationId,
          builderId: builder.id,
          name,
          ...(parameters ? { parameters } : {}),
        }).catch((failure: unknown) => {
          setError(failure);
          setBusy(false);
        });
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
      {children}
      <ErrorMessage error={error} />
      {note}
      <button type="submit" disabled={busy || blocked}>
        {busy ? busyText : 'Create'}
      </button>
    </form>
  );
}
