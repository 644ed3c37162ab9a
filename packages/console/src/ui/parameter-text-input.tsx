import { MASKED_SECRET, type Parameter, type ParameterValue } from '../api/parameter-types.js';

/**
 * The text box of a string, number or secret parameter (a secret as a password box). A masked
 * secret stands for "keep the stored one": it is never put in the box, whose placeholder says it
 * is saved. With `emptyAsUndefined`, clearing the box reports `undefined` instead of ''.
 */
export function ParameterTextInput({
  parameter,
  value,
  emptyAsUndefined,
  onChange,
}: {
  readonly parameter: Parameter;
  readonly value: ParameterValue | undefined;
  readonly emptyAsUndefined: boolean;
  readonly onChange: (value: ParameterValue | undefined) => void;
}) {
  const numeric = parameter.type === 'number';
  const secret = parameter.type === 'secret';
  const masked = secret && value === MASKED_SECRET;
  return (
    <input
      type={numeric ? 'number' : secret ? 'password' : 'text'}
      name={parameter.name}
      autoComplete={secret ? 'off' : undefined}
      value={!masked && (typeof value === 'string' || typeof value === 'number') ? String(value) : ''}
      placeholder={masked ? 'Saved; type to replace' : parameter.placeholder}
      onChange={(event) => {
        const text = event.currentTarget.value;
        if (text === '' && emptyAsUndefined) onChange(undefined);
        else onChange(numeric ? Number(text) : text);
      }}
    />
  );
}
