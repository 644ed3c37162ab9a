import type { FastifyInstance } from 'fastify';
import type { OAuthClientService } from '../../oauth/oauth-client-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import { OAuthClientSchema, PutOAuthClientBody } from '../schemas/oauth-schemas.js';
import { IntegrationParams } from '../schemas/subscription-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface OAuthClientRoutesOptions {
  readonly clients: OAuthClientService;
}

const tags = ['oauth'];

/** A workspace's OAuth client per integration: the app it registered with the provider. */
export async function oauthClientRoutes(
  app: FastifyInstance,
  options: OAuthClientRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { clients } = options;
  const url = '/integrations/:integration/oauth-client';

  api.get(
    url,
    {
      schema: {
        tags,
        operationId: 'getOAuthClient',
        summary:
          "The workspace's OAuth client (secrets masked), the redirect URI to register, and which client is used",
        params: IntegrationParams,
        response: { 200: OAuthClientSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => clients.view(requirePermission(request, 'read'), request.params.integration),
  );

  api.put(
    url,
    {
      schema: {
        tags,
        operationId: 'putOAuthClient',
        summary: "Set the workspace's OAuth client; it is used instead of the system one while enabled",
        description:
          'Workspace-wide configuration: owners and admins only. Register the answer\'s redirectUri with the provider\'s OAuth app first. A secret sent back as "********" keeps the stored one.',
        params: IntegrationParams,
        body: PutOAuthClientBody,
        response: { 200: OAuthClientSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      clients.put(requirePermission(request, 'manage'), request.params.integration, request.body),
  );

  api.delete(
    url,
    {
      schema: {
        tags,
        operationId: 'deleteOAuthClient',
        summary: "Remove the workspace's OAuth client; the system one (if any) is used from now on",
        description: 'Workspace-wide configuration: owners and admins only.',
        params: IntegrationParams,
        response: { 204: { description: 'Removed.', type: 'null' }, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      await clients.delete(requirePermission(request, 'manage'), request.params.integration);
      return reply.code(204).send();
    },
  );
}
