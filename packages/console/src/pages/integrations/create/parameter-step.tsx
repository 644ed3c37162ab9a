import { useState } from 'react';
import { ErrorMessage, Loading } from '../../../ui/feedback.js';
import { useAsync } from '../../../ui/use-async.js';
import type { Builder, Integration, Parameter, ParameterValue } from '../api-types.js';
import { parameterOptions } from '../integrations-api.js';
import { ParameterField } from '../parameter-field.js';
import { finishBuild } from './finish-build.js';

/**
 * The last step of an automatic subscription (api-key, oauth): name it and pick what it subscribes
 * to (the repository from the ones the credentials can administer, the events, all of them at
 * first), then Create makes the webhook in the external system.
 */
export function ParameterStep({
  integration,
  builder,
}: {
  readonly integration: Integration;
  readonly builder: Builder;
}) {
  const [name, setName] = useState(builder.name ?? '');
  const [values, setValues] = useState<Record<string, ParameterValue>>(() =>
    initialValues(integration, builder),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const missing = integration.constructorParameters.filter(
    (parameter) => parameter.required && isEmpty(values[parameter.name]),
  );

  return (
    <form
      aria-label="Subscription parameters"
      onSubmit={(event) => {
        event.preventDefault();
        setBusy(true);
        finishBuild({ integration: integration.id, builderId: builder.id, name, parameters: values }).catch(
          (failure: unknown) => {
            setError(failure);
            setBusy(false);
          },
        );
      }}
    >
      <label>
        Subscription name
        <input
          name="name"
          value={name}
          maxLength={100}
          placeholder="Left empty, a name is given"
          onChange={(event) => setName(event.target.value)}
        />
      </label>
      {integration.constructorParameters.map((parameter) =>
        parameter.type === 'dynamic-select' ? (
          <DynamicField
            key={parameter.name}
            builderId={builder.id}
            parameter={parameter}
            value={values[parameter.name]}
            onChange={(value) => setValues((previous) => ({ ...previous, [parameter.name]: value }))}
          />
        ) : (
          <ParameterField
            key={parameter.name}
            parameter={parameter}
            value={values[parameter.name]}
            onChange={(value) => setValues((previous) => ({ ...previous, [parameter.name]: value }))}
          />
        ),
      )}
      <ErrorMessage error={error} />
      {missing.length > 0 ? (
        <p className="muted">Still to choose: {missing.map((parameter) => parameter.label).join(', ')}.</p>
      ) : null}
      <button type="submit" disabled={busy || missing.length > 0}>
        {busy ? 'Creating the webhook…' : 'Create'}
      </button>
    </form>
  );
}

/** A dynamic-select: its choices come from the external system through the builder's credentials. */
function DynamicField({
  builderId,
  parameter,
  value,
  onChange,
}: {
  readonly builderId: string;
  readonly parameter: Parameter;
  readonly value: ParameterValue | undefined;
  readonly onChange: (value: ParameterValue) => void;
}) {
  const options = useAsync(() => parameterOptions(builderId, parameter.name), [builderId, parameter.name]);
  return (
    <div>
      {options.loading && !options.data ? (
        <Loading what={`${parameter.label.toLowerCase()} choices`} />
      ) : null}
      <ErrorMessage error={options.error} />
      {options.error ? (
        <button type="button" className="secondary small" onClick={options.reload}>
          Try again
        </button>
      ) : null}
      {options.data ? (
        <ParameterField parameter={parameter} value={value} onChange={onChange} choices={options.data} />
      ) : null}
    </div>
  );
}

/** What the builder already holds, else each field's default (every event, for GitHub). */
function initialValues(integration: Integration, builder: Builder): Record<string, ParameterValue> {
  const values: Record<string, ParameterValue> = {};
  for (const parameter of integration.constructorParameters) {
    const value = builder.parameters[parameter.name] ?? parameter.default;
    if (value !== undefined) values[parameter.name] = value;
  }
  return values;
}

function isEmpty(value: ParameterValue | undefined): boolean {
  return value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
