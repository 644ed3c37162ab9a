import type { Choice } from '../../ui/choice.js';

/**
 * A select of a draft node's setting whose saved value may not be among the choices (a deleted
 * subscription, an event the integration no longer has): `unknownLabel` then names it in an option
 * of its own, so it stays chosen until the user picks another.
 */
export function SavedChoiceSelect({
  label,
  value,
  choices,
  placeholder,
  unknownLabel,
  disabled,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly choices: readonly Choice[];
  /** The empty first option, e.g. "Choose an event…". */
  readonly placeholder: string;
  readonly unknownLabel?: string | undefined;
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value} onChange={(change) => onChange(change.currentTarget.value)} disabled={disabled}>
        <option value="">{placeholder}</option>
        {unknownLabel === undefined ? null : <option value={value}>{unknownLabel}</option>}
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
