import type { FastifyInstance } from 'fastify';
import type { SubscriptionService } from '../../subscriptions/subscription-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  IntegrationParams,
  SubscriptionListSchema,
  SubscriptionParams,
  SubscriptionPatchBody,
  SubscriptionSchema,
} from '../schemas/subscription-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface SubscriptionRoutesOptions {
  readonly subscriptions: SubscriptionService;
}

const tags = ['subscriptions'];

/** Subscriptions: list, show, rename or edit, delete. */
export async function subscriptionRoutes(
  app: FastifyInstance,
  options: SubscriptionRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { subscriptions } = options;

  api.get(
    '/integrations/:integration/subscriptions',
    {
      schema: {
        tags,
        operationId: 'listSubscriptions',
        summary: "The workspace's subscriptions of an integration, with how many workflows use each",
        params: IntegrationParams,
        response: { 200: SubscriptionListSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => subscriptions.list(requirePermission(request, 'read'), request.params.integration),
  );

  api.get(
    '/subscriptions/:id',
    {
      schema: {
        tags,
        operationId: 'getSubscription',
        summary: 'A subscription, secrets masked',
        params: SubscriptionParams,
        response: { 200: SubscriptionSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => subscriptions.get(requirePermission(request, 'read'), request.params.id),
  );

  api.patch(
    '/subscriptions/:id',
    {
      schema: {
        tags,
        operationId: 'updateSubscription',
        summary: 'Rename a subscription or edit its properties',
        params: SubscriptionParams,
        body: SubscriptionPatchBody,
        response: { 200: SubscriptionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      subscriptions.update(requirePermission(request, 'write'), request.params.id, request.body),
  );

  api.delete(
    '/subscriptions/:id',
    {
      schema: {
        tags,
        operationId: 'deleteSubscription',
        summary: 'Delete a subscription; its endpoint stops answering',
        params: SubscriptionParams,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await subscriptions.delete(requirePermission(request, 'write'), request.params.id);
      return reply.code(204).send();
    },
  );
}
