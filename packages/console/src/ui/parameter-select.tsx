import type { Parameter } from '../api/parameter-types.js';
import type { Choice } from './choice.js';

/**
 * A `<select>` for a parameter, with an empty first option: "Choose…", or `anyLabel` where an
 * empty choice is meaningful (a filter that takes anything). Reports the chosen value, '' for the
 * empty option.
 */
export function ParameterSelect({
  parameter,
  choices,
  value,
  anyLabel,
  onChange,
}: {
  readonly parameter: Parameter;
  readonly choices: readonly Choice[];
  readonly value: string;
  readonly anyLabel?: string | undefined;
  readonly onChange: (value: string) => void;
}) {
  return (
    <select name={parameter.name} value={value} onChange={(event) => onChange(event.currentTarget.value)}>
      <option value="">{anyLabel ?? 'Choose…'}</option>
      {choices.map((choice) => (
        <option key={choice.value} value={choice.value}>
          {choice.label}
        </option>
      ))}
    </select>
  );
}
