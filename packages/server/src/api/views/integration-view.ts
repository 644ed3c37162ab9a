import type { EventDefinition, Integration, ParameterDefinition } from '@tripline/sdk';
import type {
  IntegrationDetailView,
  IntegrationSummaryView,
  ParameterView,
} from '../schemas/integration-schemas.js';

/** An integration as the list shows it; the output schemas, which can be large, are left to the detail. */
export function integrationSummaryView(integration: Integration): IntegrationSummaryView {
  return {
    ...commonFields(integration),
    events: eventsOf(integration).map((event) => ({
      name: event.name,
      label: event.label,
      description: event.description,
    })),
  };
}

export function integrationDetailView(integration: Integration): IntegrationDetailView {
  return {
    ...commonFields(integration),
    events: eventsOf(integration).map((event) => ({
      name: event.name,
      label: event.label,
      description: event.description,
      parameters: event.parameters.map(parameterView),
      outputSchema: { ...event.outputSchema },
    })),
  };
}

export function parameterView(parameter: ParameterDefinition): ParameterView {
  return {
    name: parameter.name,
    label: parameter.label,
    type: parameter.type,
    required: parameter.required ?? false,
    ...(parameter.description !== undefined && { description: parameter.description }),
    ...(parameter.default !== undefined && {
      default: typeof parameter.default === 'object' ? [...parameter.default] : parameter.default,
    }),
    ...(parameter.options && { options: parameter.options.map(({ value, label }) => ({ value, label })) }),
    ...(parameter.multiple !== undefined && { multiple: parameter.multiple }),
    ...(parameter.placeholder !== undefined && { placeholder: parameter.placeholder }),
  };
}

function commonFields(integration: Integration): Omit<IntegrationSummaryView, 'events'> {
  const spec = integration.subscription;
  return {
    id: integration.id,
    name: integration.name,
    description: integration.description,
    icon: integration.icon,
    subscriptionMethods: [...spec.methods],
    constructorParameters: spec.constructorParameters.map(parameterView),
    credentialsSchema: spec.credentials.map(parameterView),
    propertiesSchema: spec.properties.map(parameterView),
    oauth: spec.oauth
      ? {
          scopes: [...spec.oauth.scopes],
          pkce: spec.oauth.pkce,
          clientParameters: spec.oauth.clientParameters.map(parameterView),
        }
      : null,
    eventCount: integration.events.size,
  };
}

function eventsOf(integration: Integration): readonly EventDefinition[] {
  return [...integration.events.values()];
}
