import { CopyButton } from './feedback.js';

/**
 * A value to paste elsewhere (a callback URL, a redirect URI, a secret shown once), in a read-only
 * field beside a copy button. Selecting the field selects all of it.
 */
export function CopyableValue({
  label,
  value,
  hint,
}: {
  readonly label: string;
  readonly value: string;
  readonly hint?: string;
}) {
  return (
    <div className="copyable">
      <span className="copyable-label">{label}</span>
      <div className="row">
        <input
          className="copyable-input"
          aria-label={label}
          readOnly
          value={value}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={value} />
      </div>
      {hint ? <span className="muted small-text">{hint}</span> : null}
    </div>
  );
}
