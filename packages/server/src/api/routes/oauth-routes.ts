import type { FastifyInstance } from 'fastify';
import type { OAuthAuthorizer } from '../../oauth/oauth-authorizer.js';
import type { OAuthCallbackHandler } from '../../oauth/oauth-callback-handler.js';
import { oauthResultLocation } from '../../oauth/oauth-result-location.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import { AuthorizeAnswer, OAuthCallbackQuery } from '../schemas/oauth-schemas.js';
import { BuilderParams } from '../schemas/subscription-builder-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface OAuthRoutesOptions {
  readonly authorizer: OAuthAuthorizer;
}

export interface OAuthCallbackRoutesOptions {
  readonly callbacks: OAuthCallbackHandler;
}

const tags = ['oauth'];

/** Starts the OAuth authorization of a subscription builder (under /api/v1, authenticated). */
export async function oauthRoutes(app: FastifyInstance, options: OAuthRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.post(
    '/subscription-builders/:id/oauth/authorize',
    {
      schema: {
        tags,
        operationId: 'authorizeSubscriptionBuilder',
        summary:
          "Start connecting an oauth builder: send the user's browser to the answer's authorizationUrl",
        description:
          "The provider sends the browser back to GET /oauth/callback, which saves the tokens as the workspace's credential, sets it on the builder and redirects to the console.",
        params: BuilderParams,
        response: { 200: AuthorizeAnswer, ...errorResponses(400, 401, 403, 404, 410) },
      },
    },
    async (request) => options.authorizer.authorize(requirePermission(request, 'write'), request.params.id),
  );
}

/**
 * The provider's redirect back (public: the browser carries no token; the one-time state is the
 * guard). Always answers 302 to the console's result page.
 */
export async function oauthCallbackRoutes(
  app: FastifyInstance,
  options: OAuthCallbackRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();

  api.get(
    '/oauth/callback',
    {
      schema: {
        tags,
        operationId: 'oauthCallback',
        summary: "The provider's redirect after the user's consent; redirects to the console's result page",
        security: [],
        querystring: OAuthCallbackQuery,
        response: {
          302: {
            description:
              'To /#/oauth-result?builder=<id>&outcome=connected, or outcome=failed&message=<reason> (builder when known).',
            type: 'null',
          },
        },
      },
    },
    async (request, reply) => {
      const result = await options.callbacks.handle(request.query);
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .redirect(oauthResultLocation(result), 302);
    },
  );
}
