import { useId, useState } from 'react';
import { type Choice, choicesMatching } from './choice.js';

/**
 * One choice out of a long list (e.g. the repositories a token can administer): a search box over
 * a list of radio buttons, the chosen one shown above.
 */
export function SearchableSelect({
  label,
  choices,
  value,
  onChange,
  placeholder,
}: {
  readonly label: string;
  readonly choices: readonly Choice[];
  readonly value: string | undefined;
  readonly onChange: (value: string) => void;
  readonly placeholder?: string;
}) {
  const [filter, setFilter] = useState('');
  const name = useId();
  const shown = choicesMatching(choices, filter);
  return (
    <fieldset className="searchable-select" aria-label={label}>
      <legend>{label}</legend>
      <div className="row">
        <input
          type="search"
          aria-label={`Search ${label.toLowerCase()}`}
          placeholder={placeholder ?? 'Search…'}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <span className="muted">
          {value ? (
            <>
              Chosen: <strong>{value}</strong>
            </>
          ) : (
            'Nothing chosen yet'
          )}
        </span>
      </div>
      <div className="choice-list" role="radiogroup" aria-label={`${label} choices`}>
        {shown.map((choice) => (
          <label key={choice.value} className="checkbox">
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={choice.value === value}
              onChange={() => onChange(choice.value)}
            />
            {choice.label}
          </label>
        ))}
        {shown.length === 0 ? (
          <span className="muted">
            {choices.length === 0 ? 'No choices.' : `Nothing matches “${filter}”.`}
          </span>
        ) : null}
      </div>
    </fieldset>
  );
}
