import { type Static, Type } from '@sinclair/typebox';
import type { ParameterValue } from '@tripline/sdk';
import { CREDENTIAL_STATUSES, SUBSCRIPTION_STATUSES } from '../../store/records.js';
import { SubscriptionMethodSchema } from './integration-schemas.js';

/**
 * One field's value. A list of JSON types rather than `anyOf`, so the validator's type coercion
 * cannot turn a number into a string (or 1 into true) by trying the branches in turn. `array`
 * comes first: the response serializer tries the types in order and would write a list as the
 * string "a,b" if `string` came before it.
 */
const ParameterValueSchema = Type.Unsafe<ParameterValue>({
  type: ['array', 'string', 'number', 'boolean'],
  items: { type: 'string' },
});

/** A value in a PATCH: `null` clears the field. */
const ParameterPatchValueSchema = Type.Unsafe<ParameterValue | null>({
  type: ['array', 'string', 'number', 'boolean', 'null'],
  items: { type: 'string' },
});

export const ParameterValuesSchema = Type.Record(Type.String(), ParameterValueSchema, {
  description:
    'Field values by name. A secret (e.g. webhook_secret) shows in clear only in the answer that generated or set it, as "********" afterwards.',
});

export const ParameterPatchSchema = Type.Record(Type.String(), ParameterPatchValueSchema, {
  description:
    'Fields to change by name. A secret sent back as "********" (or left out) keeps its stored value; null clears a field.',
});

export const IntegrationParams = Type.Object({
  integration: Type.String({ description: 'Integration id, e.g. github.' }),
});

export const SubscriptionParams = Type.Object({ id: Type.String({ description: 'Subscription id.' }) });

export const NameSchema = Type.String({
  minLength: 1,
  maxLength: 100,
  description: "Unique among the workspace's subscriptions of the integration.",
});

export const CredentialSummarySchema = Type.Union(
  [
    Type.Object({
      id: Type.String(),
      status: Type.Union(CREDENTIAL_STATUSES.map((status) => Type.Literal(status))),
      expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
        description: 'When the access token expires; null for tokens that do not.',
      }),
    }),
    Type.Null(),
  ],
  {
    description:
      "oauth: the workspace's saved authorization in use (never its tokens); null for other methods or before authorizing.",
  },
);

export const SubscriptionSchema = Type.Object({
  id: Type.String({ description: "Also the endpoint id; the builder's id it was built from." }),
  name: Type.String(),
  integration: Type.String(),
  method: SubscriptionMethodSchema,
  endpoint: Type.String({ description: 'The callback URL: TRIGGER_URL + /triggers/plugin/{id}.' }),
  parameters: ParameterValuesSchema,
  properties: ParameterValuesSchema,
  hasCredentials: Type.Boolean({ description: 'Credentials are never shown.' }),
  credential: CredentialSummarySchema,
  workflowsInUse: Type.Integer({ description: 'Workflows with a trigger on this subscription.' }),
  status: Type.Union(
    SUBSCRIPTION_STATUSES.map((status) => Type.Literal(status)),
    {
      description:
        'active; unauthorized when the external system refused the credentials; error when the last check of the external webhook failed (statusReason says why).',
    },
  ),
  statusReason: Type.Union([Type.String(), Type.Null()]),
  expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
    description: 'When the external subscription lapses, for integrations whose subscriptions do.',
  }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const SubscriptionListSchema = Type.Object({
  items: Type.Array(SubscriptionSchema),
  limit: Type.Integer({ description: 'Subscriptions of one integration a workspace may have.' }),
});

export const SubscriptionPatchBody = Type.Object(
  {
    name: Type.Optional(NameSchema),
    parameters: Type.Optional(ParameterPatchSchema),
    properties: Type.Optional(ParameterPatchSchema),
    credentials: Type.Optional(ParameterPatchSchema),
  },
  { additionalProperties: false },
);

export const SubscriptionDeleteQuery = Type.Object(
  {
    force: Type.Optional(
      Type.Boolean({
        description:
          'Delete here even if removing the webhook from the external system fails (the webhook then stays there).',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SubscriptionPatchBody = Static<typeof SubscriptionPatchBody>;
