import { useState } from 'react';
import type { Integration } from '../../../api/integration-types.js';
import { parameterOptions } from '../../../api/integrations-api.js';
import { isEmptyParameterValue, type Parameter, type ParameterValue } from '../../../api/parameter-types.js';
import type { Builder } from '../../../api/subscription-types.js';
import { ErrorMessage, Loading } from '../../../ui/feedback.js';
import { ParameterField } from '../../../ui/parameter-field.js';
import { useAsync } from '../../../ui/use-async.js';
import { FinishBuildForm } from './finish-build-form.js';

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
  const [values, setValues] = useState<Record<string, ParameterValue>>(() =>
    initialValues(integration, builder),
  );
  const missing = integration.constructorParameters.filter(
    (parameter) => parameter.required && isEmptyParameterValue(values[parameter.name]),
  );

  return (
    <FinishBuildForm
      integrationId={integration.id}
      builder={builder}
      parameters={values}
      label="Subscription parameters"
      busyText="Creating the webhook…"
      blocked={missing.length > 0}
      note={
        missing.length > 0 ? (
          <p className="muted">Still to choose: {missing.map((parameter) => parameter.label).join(', ')}.</p>
        ) : null
      }
    >
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
    </FinishBuildForm>
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
