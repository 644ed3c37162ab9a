import { useState } from 'react';

/**
 * A destructive action that asks first, inline: the button turns into "question? [confirm]
 * [cancel]" so nothing is deleted by a stray click.
 */
export function ConfirmButton({
  label,
  question,
  confirmLabel = label,
  busy = false,
  onConfirm,
}: {
  readonly label: string;
  readonly question: string;
  readonly confirmLabel?: string;
  readonly busy?: boolean;
  readonly onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="secondary small" onClick={() => setAsking(true)} disabled={busy}>
        {label}
      </button>
    );
  }
  return (
    <fieldset className="row confirm" aria-label={question}>
      <span>{question}</span>
      <button
        type="button"
        className="danger small"
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="secondary small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </fieldset>
  );
}
