import { CheckboxList, type Choice } from '../../ui/checkbox-list.js';
import { SearchableSelect } from '../../ui/searchable-select.js';
import { MASKED_SECRET, type Parameter, type ParameterValue } from './api-types.js';

/**
 * One field an integration declares (credential, constructor parameter, OAuth client field), as the
 * input its type calls for. A secret is never filled in: left empty, the stored one is kept.
 * dynamic-select fields get their `choices` from the caller (the API looks them up).
 */
export function ParameterField({
  parameter,
  value,
  onChange,
  choices,
}: {
  readonly parameter: Parameter;
  readonly value: ParameterValue | undefined;
  readonly onChange: (value: ParameterValue) => void;
  readonly choices?: readonly Choice[];
}) {
  const label = `${parameter.label}${parameter.required ? '' : ' (optional)'}`;
  const help = parameter.description ? (
    <span className="muted small-text">{parameter.description}</span>
  ) : null;
  switch (parameter.type) {
    case 'multi-select':
      return (
        <div className="field">
          <CheckboxList
            label={parameter.label}
            choices={parameter.options ?? []}
            selected={Array.isArray(value) ? value : []}
            onChange={onChange}
          />
          {help}
        </div>
      );
    case 'dynamic-select':
      return (
        <div className="field">
          <SearchableSelect
            label={parameter.label}
            choices={choices ?? []}
            value={typeof value === 'string' ? value : undefined}
            onChange={onChange}
            {...(parameter.placeholder ? { placeholder: parameter.placeholder } : {})}
          />
          {help}
        </div>
      );
    case 'select':
      return (
        <label>
          {label}
          <select
            name={parameter.name}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => onChange(event.target.value)}
          >
            <option value="">Choose…</option>
            {(parameter.options ?? []).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
          {help}
        </label>
      );
    case 'boolean':
      return (
        <label className="checkbox">
          <input
            type="checkbox"
            name={parameter.name}
            checked={value === true}
            onChange={(event) => onChange(event.target.checked)}
          />
          {label}
          {help}
        </label>
      );
    case 'string-list':
      return (
        <label>
          {label}
          <textarea
            name={parameter.name}
            className="short"
            value={Array.isArray(value) ? value.join('\n') : ''}
            placeholder="One per line"
            onChange={(event) =>
              onChange(
                event.target.value
                  .split('\n')
                  .map((line) => line.trim())
                  .filter(Boolean),
              )
            }
          />
          {help}
        </label>
      );
    case 'secret':
      return (
        <label>
          {label}
          <input
            type="password"
            name={parameter.name}
            autoComplete="off"
            // A masked value stands for "keep the stored one": never put it in the field.
            value={typeof value === 'string' && value !== MASKED_SECRET ? value : ''}
            placeholder={value === MASKED_SECRET ? 'Saved; type to replace' : (parameter.placeholder ?? '')}
            onChange={(event) => onChange(event.target.value)}
          />
          {help}
        </label>
      );
    default:
      return (
        <label>
          {label}
          <input
            type={parameter.type === 'number' ? 'number' : 'text'}
            name={parameter.name}
            value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
            placeholder={parameter.placeholder}
            onChange={(event) =>
              onChange(parameter.type === 'number' ? Number(event.target.value) : event.target.value)
            }
          />
          {help}
        </label>
      );
  }
}
