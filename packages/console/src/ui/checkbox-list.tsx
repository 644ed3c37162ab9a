import { useState } from 'react';
import { type Choice, choicesMatching } from './choice.js';

/**
 * A multi-select as a list of checkboxes with a filter and "all / none" (GitHub has dozens of
 * events, and picking all of them is the usual choice).
 */
export function CheckboxList({
  label,
  choices,
  selected,
  onChange,
}: {
  readonly label: string;
  readonly choices: readonly Choice[];
  readonly selected: readonly string[];
  readonly onChange: (selected: string[]) => void;
}) {
  const [filter, setFilter] = useState('');
  const shown = choicesMatching(choices, filter);
  const chosen = new Set(selected);
  const toggle = (value: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(value);
    else next.delete(value);
    // Keep the choices' order so the saved list reads like the list on screen.
    onChange(choices.map((choice) => choice.value).filter((value) => next.has(value)));
  };
  return (
    <fieldset className="checkbox-list" aria-label={label}>
      <legend>{label}</legend>
      <div className="row">
        <input
          type="search"
          placeholder="Filter…"
          aria-label={`Filter ${label.toLowerCase()}`}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="muted">
          {chosen.size} of {choices.length} selected
        </span>
        <button
          type="button"
          className="secondary small"
          onClick={() => onChange(choices.map((c) => c.value))}
        >
          All
        </button>
        <button type="button" className="secondary small" onClick={() => onChange([])}>
          None
        </button>
      </div>
      <div className="checkbox-grid">
        {shown.map((choice) => (
          <label key={choice.value} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.has(choice.value)}
              onChange={(event) => toggle(choice.value, event.target.checked)}
            />
            <span className="choice-text">
              {choice.label}
              {choice.label !== choice.value ? (
                <>
                  {' '}
                  <code className="muted">{choice.value}</code>
                </>
              ) : null}
            </span>
          </label>
        ))}
        {shown.length === 0 ? <span className="muted">Nothing matches “{filter}”.</span> : null}
      </div>
    </fieldset>
  );
}
