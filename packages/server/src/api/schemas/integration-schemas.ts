import { type Static, Type } from '@sinclair/typebox';
import { SUBSCRIPTION_METHODS } from '@tripline/sdk';

const ParameterTypeSchema = Type.Union(
  [
    Type.Literal('string'),
    Type.Literal('number'),
    Type.Literal('boolean'),
    Type.Literal('secret'),
    Type.Literal('select'),
    Type.Literal('multi-select'),
    Type.Literal('dynamic-select'),
    Type.Literal('string-list'),
  ],
  { description: 'How the field is entered; secret values are stored encrypted and shown masked.' },
);

const ParameterValueSchema = Type.Union([
  Type.String(),
  Type.Number(),
  Type.Boolean(),
  Type.Array(Type.String()),
]);

/** One user-facing field: an event filter, constructor parameter, credential or property. */
export const ParameterSchema = Type.Object({
  name: Type.String(),
  label: Type.String(),
  type: ParameterTypeSchema,
  description: Type.Optional(Type.String()),
  required: Type.Boolean(),
  default: Type.Optional(ParameterValueSchema),
  options: Type.Optional(
    Type.Array(Type.Object({ value: Type.String(), label: Type.String() }), {
      description: 'Fixed choices of select and multi-select fields.',
    }),
  ),
  multiple: Type.Optional(Type.Boolean({ description: 'dynamic-select: whether several may be chosen.' })),
  placeholder: Type.Optional(Type.String()),
});
export type ParameterView = Static<typeof ParameterSchema>;

export const SubscriptionMethodSchema = Type.Union(
  SUBSCRIPTION_METHODS.map((method) => Type.Literal(method)),
  {
    description: 'manual: the user pastes the endpoint URL; api-key and oauth: Tripline creates the webhook.',
  },
);

/** A JSON Schema document, passed through as the integration declares it. */
const JsonSchemaDocument = Type.Unsafe<Record<string, unknown>>({
  type: 'object',
  additionalProperties: true,
  description: 'JSON Schema of the variables a trigger on this event outputs.',
});

export const EventSummarySchema = Type.Object({
  name: Type.String({ description: "As the sender names it, e.g. GitHub's X-GitHub-Event value." }),
  label: Type.String(),
  description: Type.String(),
});

export const EventDetailSchema = Type.Object({
  name: Type.String({ description: "As the sender names it, e.g. GitHub's X-GitHub-Event value." }),
  label: Type.String(),
  description: Type.String(),
  parameters: Type.Array(ParameterSchema, { description: 'Filter parameters of a trigger on this event.' }),
  outputSchema: JsonSchemaDocument,
});

const OAuthSchema = Type.Object({
  scopes: Type.Array(Type.String()),
  pkce: Type.Boolean(),
  clientParameters: Type.Array(ParameterSchema, {
    description: 'Fields of the OAuth client a workspace registers.',
  }),
});

const integrationFields = {
  id: Type.String({ description: 'Used in paths, e.g. github.' }),
  name: Type.String(),
  description: Type.String(),
  icon: Type.String({ description: 'An SVG data URI or an absolute URL.' }),
  subscriptionMethods: Type.Array(SubscriptionMethodSchema),
  constructorParameters: Type.Array(ParameterSchema, {
    description: 'What an automatic subscription (api-key, oauth) asks for before creating the webhook.',
  }),
  credentialsSchema: Type.Array(ParameterSchema, { description: 'Credentials of the api-key method.' }),
  propertiesSchema: Type.Array(ParameterSchema, {
    description: 'Stored on every subscription, e.g. the webhook secret of a manual one.',
  }),
  oauth: Type.Union([OAuthSchema, Type.Null()], { description: 'Present when the oauth method is offered.' }),
  eventCount: Type.Integer(),
};

/** An integration in the list: its events by name only. */
export const IntegrationSummarySchema = Type.Object({
  ...integrationFields,
  events: Type.Array(EventSummarySchema),
});
export type IntegrationSummaryView = Static<typeof IntegrationSummarySchema>;

/** One integration with its events' filter parameters and output schemas. */
export const IntegrationDetailSchema = Type.Object({
  ...integrationFields,
  events: Type.Array(EventDetailSchema),
});
export type IntegrationDetailView = Static<typeof IntegrationDetailSchema>;
