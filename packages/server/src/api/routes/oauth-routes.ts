import type { FastifyInstance } from 'fastify';
import type { OAuthAuthorizer } from '../../oauth/oauth-authorizer.js';
import type { OAuthCallbackHandler } from '../../oauth/oauth-callback-handler.js';
import type { OAuthConfirmer } from '../../oauth/oauth-confirmer.js';
import { oauthResultLocation } from '../../oauth/oauth-result-location.js';
import type { BuilderService } from '../../subscriptions/builder-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import { AuthorizeAnswer, ConfirmOAuthBody, OAuthCallbackQuery } from '../schemas/oauth-schemas.js';
import { BuilderParams, BuilderSchema } from '../schemas/subscription-builder-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface OAuthRoutesOptions {
  readonly authorizer: OAuthAuthorizer;
  readonly confirmer: OAuthConfirmer;
  /** For the builder view the confirmation answers. */
  readonly builders: BuilderService;
}

export interface OAuthCallbackRoutesOptions {
  readonly callbacks: OAuthCallbackHandler;
}

const tags = ['oauth'];

/** Starts and confirms the OAuth authorization of a subscription builder (under /api/v1, authenticated). */
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
          "The provider sends the browser back to GET /oauth/callback, which exchanges the code and redirects to the console with a one-time confirmation; the same member then confirms it with POST .../oauth/confirm, which saves the tokens as the workspace's credential and sets it on the builder.",
        params: BuilderParams,
        response: { 200: AuthorizeAnswer, ...errorResponses(400, 401, 403, 404, 410) },
      },
    },
    async (request) => options.authorizer.authorize(requirePermission(request, 'write'), request.params.id),
  );

  api.post(
    '/subscription-builders/:id/oauth/confirm',
    {
      schema: {
        tags,
        operationId: 'confirmSubscriptionBuilderAuthorization',
        summary: 'Finish connecting an oauth builder: save the tokens the provider issued as its credential',
        description:
          'Only the member who started the authorization may confirm it, within 10 minutes, once: a confirmation presented by anyone else (403 oauth_confirmation_refused) is used up and its tokens discarded. Answers the builder with its new credential.',
        params: BuilderParams,
        body: ConfirmOAuthBody,
        response: { 200: BuilderSchema, ...errorResponses(400, 401, 403, 404, 410) },
      },
    },
    async (request) => {
      const principal = requirePermission(request, 'write');
      await options.confirmer.confirm(principal, request.params.id, request.body.confirmation);
      return options.builders.get(principal, request.params.id);
    },
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
              'To /#/oauth-result?builder=<id>&outcome=authorized&confirmation=<one-time value>, or outcome=failed&message=<reason> (builder when known).',
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
