import type { ReactNode } from 'react';
import type { Parameter, ParameterValue } from '../api/parameter-types.js';
import { CheckboxList } from './checkbox-list.js';
import type { Choice } from './choice.js';
import { ChoiceGrid } from './choice-grid.js';
import { ParameterSelect } from './parameter-select.js';
import { ParameterTextInput } from './parameter-text-input.js';
import { SearchableSelect } from './searchable-select.js';
import { StringListInput } from './string-list-input.js';

/**
 * What the field is for, which decides what an empty field means.
 * - `setting` (the default): a value to store (credential, constructor parameter, OAuth client
 *   field). A secret is never filled in: left empty, the stored one is kept. dynamic-select fields
 *   get their `choices` from the caller (the API looks them up).
 * - `filter`: an event filter of a workflow trigger. Left empty it takes any event, and the field
 *   reports `undefined` so the filter is not saved.
 */
export type ParameterFieldProps =
  | {
      readonly purpose?: 'setting';
      readonly parameter: Parameter;
      readonly value: ParameterValue | undefined;
      readonly onChange: (value: ParameterValue) => void;
      readonly choices?: readonly Choice[];
    }
  | {
      readonly purpose: 'filter';
      readonly parameter: Parameter;
      readonly value: ParameterValue | undefined;
      readonly onChange: (value: ParameterValue | undefined) => void;
    };

/** One field an integration declares, as the input its type calls for. */
export function ParameterField(props: ParameterFieldProps) {
  const { parameter, value } = props;
  const filter = props.purpose === 'filter';
  // A setting's field never reports `undefined`: only a filter's empty field does.
  const onChange = (next: ParameterValue | undefined) => {
    if (props.purpose === 'filter') props.onChange(next);
    else if (next !== undefined) props.onChange(next);
  };
  const label = filter
    ? `${parameter.label}${parameter.required ? ' *' : ''}`
    : `${parameter.label}${parameter.required ? '' : ' (optional)'}`;
  const help = parameter.description ? (
    <span className="muted small-text">{parameter.description}</span>
  ) : null;
  const labelled = (control: ReactNode) => (
    // biome-ignore lint/a11y/noLabelWithoutControl: every caller passes the input, select or textarea
    <label className={filter ? 'parameter-field' : undefined}>
      {label}
      {control}
      {help}
    </label>
  );
  const strings = Array.isArray(value) ? value : [];
  const text = (
    <ParameterTextInput parameter={parameter} value={value} emptyAsUndefined={filter} onChange={onChange} />
  );
  const list = (separator: ',' | '\n') => (
    <StringListInput
      name={parameter.name}
      separator={separator}
      value={strings}
      placeholder={parameter.placeholder}
      onChange={(items) => onChange(items.length === 0 && filter ? undefined : items)}
    />
  );

  switch (parameter.type) {
    case 'multi-select':
      return filter ? (
        <ChoiceGrid
          label={label}
          help={help}
          choices={parameter.options ?? []}
          selected={strings}
          onChange={onChange}
        />
      ) : (
        <div className="field">
          <CheckboxList
            label={parameter.label}
            choices={parameter.options ?? []}
            selected={strings}
            onChange={onChange}
          />
          {help}
        </div>
      );
    case 'dynamic-select':
      if (filter) return labelled(parameter.multiple ? list(',') : text);
      return (
        <div className="field">
          <SearchableSelect
            label={parameter.label}
            choices={props.choices ?? []}
            value={typeof value === 'string' ? value : undefined}
            onChange={onChange}
            {...(parameter.placeholder ? { placeholder: parameter.placeholder } : {})}
          />
          {help}
        </div>
      );
    case 'select':
      return labelled(
        <ParameterSelect
          parameter={parameter}
          choices={parameter.options ?? []}
          value={typeof value === 'string' ? value : ''}
          anyLabel={filter && !parameter.required ? 'Any' : undefined}
          onChange={(chosen) => onChange(chosen === '' && filter ? undefined : chosen)}
        />,
      );
    case 'boolean':
      if (filter) {
        return labelled(
          <ParameterSelect
            parameter={parameter}
            choices={YES_NO}
            value={typeof value === 'boolean' ? String(value) : ''}
            anyLabel={parameter.required ? undefined : 'Any'}
            onChange={(chosen) => onChange(chosen === '' ? undefined : chosen === 'true')}
          />,
        );
      }
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
      return labelled(list(filter ? ',' : '\n'));
    case 'number':
    case 'string':
    case 'secret':
      return labelled(text);
    default: {
      const unknownType: never = parameter.type;
      return <span className="muted">unsupported field type {String(unknownType)}</span>;
    }
  }
}

/** A boolean filter is yes, no, or (left empty) either. */
const YES_NO: readonly Choice[] = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];
