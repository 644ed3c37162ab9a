import { Type } from '@sinclair/typebox';
import { SubscriptionMethodSchema } from './integration-schemas.js';
import {
  CredentialSummarySchema,
  NameSchema,
  ParameterPatchSchema,
  ParameterValuesSchema,
} from './subscription-schemas.js';

export const BuilderParams = Type.Object({ id: Type.String({ description: 'Subscription builder id.' }) });

export const CreateBuilderBody = Type.Object(
  {
    method: SubscriptionMethodSchema,
    name: Type.Optional(NameSchema),
  },
  { additionalProperties: false },
);

export const BuilderSchema = Type.Object({
  id: Type.String({ description: "Also the endpoint id, and the subscription's id once built." }),
  integration: Type.String(),
  method: SubscriptionMethodSchema,
  name: Type.Union([Type.String(), Type.Null()], { description: 'Null: a default name is given at build.' }),
  endpoint: Type.String({
    description: 'The callback URL, live at once: requests to it are answered and logged.',
  }),
  parameters: ParameterValuesSchema,
  properties: ParameterValuesSchema,
  hasCredentials: Type.Boolean({ description: 'Credentials are never shown.' }),
  credential: CredentialSummarySchema,
  expiresAt: Type.String({
    format: 'date-time',
    description: 'Builders expire 30 minutes after their last change.',
  }),
  createdAt: Type.String({ format: 'date-time' }),
});

export const BuilderPatchBody = Type.Object(
  {
    name: Type.Optional(NameSchema),
    parameters: Type.Optional(ParameterPatchSchema),
    properties: Type.Optional(ParameterPatchSchema),
    credentials: Type.Optional(ParameterPatchSchema),
  },
  { additionalProperties: false },
);

export const BuilderParameterParams = Type.Object({
  id: Type.String({ description: 'Subscription builder id.' }),
  name: Type.String({ description: 'A dynamic-select constructor parameter, e.g. repository.' }),
});

export const ParameterOptionsSchema = Type.Object({
  options: Type.Array(Type.Object({ value: Type.String(), label: Type.String() }), {
    description: 'The choices, as the external system lists them for these credentials.',
  }),
});

export const VerifiedSchema = Type.Object({
  ok: Type.Literal(true, { description: 'The external system accepted the credentials.' }),
});
