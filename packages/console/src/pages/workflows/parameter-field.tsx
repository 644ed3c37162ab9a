import { type ReactNode, useState } from 'react';
import type { ParameterDefinition, ParameterValue } from './integration-types.js';

/** "a, b ,c" as ["a", "b", "c"]: how a string-list field is typed. */
export function parseStringList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Whether a filter value says nothing (the filter then takes any event), so it is not saved. */
export function isEmptyValue(value: ParameterValue | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * One filter parameter of an event, entered the way its type asks: a choice, several choices, a
 * comma-separated list, yes/no, or text. An empty field means "any".
 */
export function ParameterField({
  parameter,
  value,
  onChange,
}: {
  readonly parameter: ParameterDefinition;
  readonly value: ParameterValue | undefined;
  readonly onChange: (value: ParameterValue | undefined) => void;
}) {
  const help = parameter.description ? (
    <span className="muted field-help">{parameter.description}</span>
  ) : null;
  const label = `${parameter.label}${parameter.required ? ' *' : ''}`;
  switch (parameter.type) {
    case 'multi-select': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="parameter-field">
          <legend>{label}</legend>
          {help}
          <div className="choice-grid">
            {(parameter.options ?? []).map((option) => (
              <label key={option.value} className="choice">
                <input
                  type="checkbox"
                  checked={chosen.includes(option.value)}
                  onChange={(event) =>
                    onChange(
                      event.currentTarget.checked
                        ? [...chosen, option.value]
                        : chosen.filter((item) => item !== option.value),
                    )
                  }
                />
                {option.label}
              </label>
            ))}
          </div>
        </fieldset>
      );
    }
    case 'select':
      return (
        <label className="parameter-field">
          {label}
          <select
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => onChange(event.currentTarget.value || undefined)}
          >
            <option value="">{parameter.required ? 'Choose…' : 'Any'}</option>
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
        <label className="parameter-field">
          {label}
          <select
            value={typeof value === 'boolean' ? String(value) : ''}
            onChange={(event) =>
              onChange(event.currentTarget.value === '' ? undefined : event.currentTarget.value === 'true')
            }
          >
            <option value="">{parameter.required ? 'Choose…' : 'Any'}</option>
            <option value="true">Yes</option>
            <option value="false">No</option>
          </select>
          {help}
        </label>
      );
    case 'string-list':
      return (
        <StringListField label={label} parameter={parameter} value={value} onChange={onChange} help={help} />
      );
    case 'dynamic-select':
      return parameter.multiple ? (
        <StringListField label={label} parameter={parameter} value={value} onChange={onChange} help={help} />
      ) : (
        <TextField label={label} parameter={parameter} value={value} onChange={onChange} help={help} />
      );
    case 'number':
    case 'string':
    case 'secret':
      return <TextField label={label} parameter={parameter} value={value} onChange={onChange} help={help} />;
    default: {
      const unknownType: never = parameter.type;
      return <span className="muted">unsupported field type {String(unknownType)}</span>;
    }
  }
}

interface FieldProps {
  readonly label: string;
  readonly parameter: ParameterDefinition;
  readonly value: ParameterValue | undefined;
  readonly onChange: (value: ParameterValue | undefined) => void;
  readonly help: ReactNode;
}

/** Kept as typed, so a trailing comma or space survives until the next item is written. */
function StringListField({ label, parameter, value, onChange, help }: FieldProps) {
  const [text, setText] = useState(() => (Array.isArray(value) ? value.join(', ') : ''));
  return (
    <label className="parameter-field">
      {label}
      <input
        value={text}
        placeholder={parameter.placeholder ?? 'comma-separated'}
        onChange={(event) => {
          setText(event.currentTarget.value);
          const items = parseStringList(event.currentTarget.value);
          onChange(items.length > 0 ? items : undefined);
        }}
      />
      {help}
    </label>
  );
}

function TextField({ label, parameter, value, onChange, help }: FieldProps) {
  const numeric = parameter.type === 'number';
  return (
    <label className="parameter-field">
      {label}
      <input
        type={numeric ? 'number' : parameter.type === 'secret' ? 'password' : 'text'}
        value={typeof value === 'string' || typeof value === 'number' ? String(value) : ''}
        placeholder={parameter.placeholder}
        onChange={(event) => {
          const text = event.currentTarget.value;
          if (text === '') onChange(undefined);
          else onChange(numeric ? Number(text) : text);
        }}
      />
      {help}
    </label>
  );
}
