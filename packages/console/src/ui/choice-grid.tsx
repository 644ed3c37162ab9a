import type { ReactNode } from 'react';
import type { Choice } from './choice.js';

/**
 * A short multi-select as a grid of checkboxes under a legend, for few choices (an event's
 * actions); {@link CheckboxList} is the one with a filter for long lists.
 */
export function ChoiceGrid({
  label,
  help,
  choices,
  selected,
  onChange,
}: {
  readonly label: string;
  readonly help?: ReactNode;
  readonly choices: readonly Choice[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
}) {
  return (
    <fieldset className="parameter-field">
      <legend>{label}</legend>
      {help}
      <div className="choice-grid">
        {choices.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="checkbox"
              checked={selected.includes(choice.value)}
              onChange={(event) =>
                onChange(
                  event.currentTarget.checked
                    ? [...selected, choice.value]
                    : selected.filter((item) => item !== choice.value),
                )
              }
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
