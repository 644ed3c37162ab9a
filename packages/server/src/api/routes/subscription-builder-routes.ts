import type { FastifyInstance } from 'fastify';
import type { BuilderService } from '../../subscriptions/builder-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import { DEFAULT_LOG_PAGE_SIZE, LogListQuery, RequestLogPageSchema } from '../schemas/request-log-schemas.js';
import {
  BuilderParameterParams,
  BuilderParams,
  BuilderPatchBody,
  BuilderSchema,
  CreateBuilderBody,
  ParameterOptionsSchema,
  VerifiedSchema,
} from '../schemas/subscription-builder-schemas.js';
import { IntegrationParams, SubscriptionSchema } from '../schemas/subscription-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface SubscriptionBuilderRoutesOptions {
  readonly builders: BuilderService;
}

const tags = ['subscription builders'];

/** Subscription builders: set a subscription up, test its live endpoint, then build it. */
export async function subscriptionBuilderRoutes(
  app: FastifyInstance,
  options: SubscriptionBuilderRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { builders } = options;

  api.post(
    '/integrations/:integration/subscription-builders',
    {
      schema: {
        tags,
        operationId: 'createSubscriptionBuilder',
        summary: 'Start setting up a subscription: its endpoint URL works at once',
        description:
          'For the manual method a webhook secret is generated and shown in clear in this answer only; paste it into the external system beside the endpoint URL.',
        params: IntegrationParams,
        body: CreateBuilderBody,
        response: { 201: BuilderSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const principal = requirePermission(request, 'write');
      const builder = await builders.create(principal, request.params.integration, request.body);
      return reply.code(201).send(builder);
    },
  );

  api.get(
    '/subscription-builders/:id',
    {
      schema: {
        tags,
        operationId: 'getSubscriptionBuilder',
        summary: 'A subscription builder, secrets masked',
        params: BuilderParams,
        response: { 200: BuilderSchema, ...errorResponses(401, 403, 404, 410) },
      },
    },
    async (request) => builders.get(requirePermission(request, 'read'), request.params.id),
  );

  api.patch(
    '/subscription-builders/:id',
    {
      schema: {
        tags,
        operationId: 'updateSubscriptionBuilder',
        summary: "Set the name, parameters, properties or credentials; extends the builder's life",
        params: BuilderParams,
        body: BuilderPatchBody,
        response: { 200: BuilderSchema, ...errorResponses(400, 401, 403, 404, 409, 410) },
      },
    },
    async (request) => builders.patch(requirePermission(request, 'write'), request.params.id, request.body),
  );

  api.get(
    '/subscription-builders/:id/logs',
    {
      schema: {
        tags,
        operationId: 'listSubscriptionBuilderLogs',
        summary: "Requests the builder's endpoint received, newest first",
        params: BuilderParams,
        querystring: LogListQuery,
        response: { 200: RequestLogPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const { outcome, before, limit } = request.query;
      return builders.logs(requirePermission(request, 'read'), request.params.id, {
        limit: limit ?? DEFAULT_LOG_PAGE_SIZE,
        ...(outcome ? { outcome } : {}),
        ...(before ? { before } : {}),
      });
    },
  );

  api.post(
    '/subscription-builders/:id/verify',
    {
      schema: {
        tags,
        operationId: 'verifySubscriptionBuilderCredentials',
        summary: 'Check the builder credentials with the external system',
        description:
          'api-key builders: the credentials set with PATCH; oauth builders: the authorization saved for the workspace. A refusal answers 400 invalid_credentials with what the external system said.',
        params: BuilderParams,
        response: { 200: VerifiedSchema, ...errorResponses(400, 401, 403, 404, 410, 502) },
      },
    },
    async (request) => builders.verify(requirePermission(request, 'write'), request.params.id),
  );

  api.get(
    '/subscription-builders/:id/parameters/:name/options',
    {
      schema: {
        tags,
        operationId: 'listSubscriptionBuilderParameterOptions',
        summary: 'The choices of a dynamic-select parameter (e.g. the repositories the credentials can see)',
        description:
          "Calls the external system with the builder's credentials, so like verify it needs a role that may edit the builder (viewers: 403).",
        params: BuilderParameterParams,
        response: { 200: ParameterOptionsSchema, ...errorResponses(400, 401, 403, 404, 410, 502) },
      },
    },
    async (request) =>
      builders.parameterOptions(requirePermission(request, 'write'), request.params.id, request.params.name),
  );

  api.post(
    '/subscription-builders/:id/build',
    {
      schema: {
        tags,
        operationId: 'buildSubscription',
        summary: 'Turn the builder into a subscription with the same id and endpoint URL',
        description:
          'Automatic methods (api-key, oauth) first create the webhook in the external system, pointing at the endpoint URL, with a generated secret.',
        params: BuilderParams,
        response: { 201: SubscriptionSchema, ...errorResponses(400, 401, 403, 404, 409, 410, 502) },
      },
    },
    async (request, reply) => {
      const subscription = await builders.build(requirePermission(request, 'write'), request.params.id);
      return reply.code(201).send(subscription);
    },
  );
}
