import type { FastifyInstance } from 'fastify';
import type { SubscriptionService } from '../../subscriptions/subscription-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  IntegrationParams,
  SubscriptionDeleteQuery,
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
        summary: 'Rename a subscription or edit its properties, parameters or credentials',
        description:
          'Manual subscriptions edit their properties. Automatic ones edit their parameters and (api-key) credentials: the webhook in the external system is rebuilt at the same endpoint URL, and a replaced one is removed.',
        params: SubscriptionParams,
        body: SubscriptionPatchBody,
        response: { 200: SubscriptionSchema, ...errorResponses(400, 401, 403, 404, 409, 502) },
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
        description:
          'An automatic subscription first removes its webhook from the external system; if that fails the answer is 502 external_delete_failed and the subscription stays, unless ?force=true. While its webhook is being checked or rebuilt the answer is 409 check_in_progress.',
        params: SubscriptionParams,
        querystring: SubscriptionDeleteQuery,
        response: {
          204: { type: 'null', description: 'Deleted.' },
          ...errorResponses(400, 401, 403, 404, 409, 502),
        },
      },
    },
    async (request, reply) => {
      await subscriptions.delete(requirePermission(request, 'write'), request.params.id, {
        force: request.query.force === true,
      });
      return reply.code(204).send();
    },
  );

  api.post(
    '/subscriptions/:id/check',
    {
      schema: {
        tags,
        operationId: 'checkSubscription',
        summary: 'Check the external webhook of an automatic subscription now, re-creating it if it is gone',
        description:
          'Runs the same check the server runs every few minutes: refreshes an expiring external subscription, and re-creates a missing or changed webhook at the same endpoint URL. Answers the subscription with its status afterwards.',
        params: SubscriptionParams,
        response: { 200: SubscriptionSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => subscriptions.checkNow(requirePermission(request, 'write'), request.params.id),
  );
}
