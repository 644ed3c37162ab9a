import { Type } from '@sinclair/typebox';
import { ParameterValuesSchema } from './subscription-schemas.js';

const ClientSourceSchema = Type.Union([Type.Literal('workspace'), Type.Literal('system')]);

export const OAuthClientSchema = Type.Object({
  integration: Type.String(),
  redirectUri: Type.String({
    description: "The callback URL to register with the provider's OAuth app: TRIGGER_URL + /oauth/callback.",
  }),
  client: Type.Union([ParameterValuesSchema, Type.Null()], {
    description:
      "The workspace's own client (e.g. client_id, client_secret), secrets masked; null when none is set.",
  }),
  enabled: Type.Boolean({
    description: "Whether the workspace's own client is used; false when none is set.",
  }),
  systemClientAvailable: Type.Boolean({
    description:
      'Whether the operator configured an instance-wide client (TRIPLINE_OAUTH_<INTEGRATION>_<FIELD>).',
  }),
  effective: Type.Union([ClientSourceSchema, Type.Null()], {
    description:
      "The client the next authorization uses: the workspace's when set and enabled, else the system one.",
  }),
});

export const PutOAuthClientBody = Type.Object(
  {
    client: ParameterValuesSchema,
    enabled: Type.Optional(
      Type.Boolean({
        description: 'Use this client rather than the system one; left out, kept (true for a new client).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const AuthorizeAnswer = Type.Object({
  authorizationUrl: Type.String({
    description: "The provider's consent page: send the user's browser there.",
  }),
  expiresAt: Type.String({
    format: 'date-time',
    description: 'The authorization must finish before this time.',
  }),
});

export const OAuthCallbackQuery = Type.Object({
  code: Type.Optional(Type.String()),
  state: Type.Optional(Type.String()),
  error: Type.Optional(Type.String({ description: 'Set by the provider when the user denied access.' })),
  error_description: Type.Optional(Type.String()),
});

export const ConfirmOAuthBody = Type.Object(
  {
    confirmation: Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        "The one-time value the callback put in the console's result URL (outcome=authorized&confirmation=...).",
    }),
  },
  { additionalProperties: false },
);
