import type { FastifyInstance } from 'fastify';
import type { Store } from '../../store/store.js';
import type { WebhookIds } from '../../webhooks/webhook-ids.js';
import { listWebhookUrls } from '../../webhooks/webhook-urls.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import { WebhookTriggerListSchema } from '../schemas/webhook-trigger-schemas.js';
import { WorkflowParams } from '../schemas/workflow-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface WebhookTriggerRoutesOptions {
  readonly store: Store;
  readonly webhookIds: WebhookIds;
  readonly triggerUrl: string;
}

/** The URLs of a workflow's webhook triggers (the public ingress serves them). */
export async function webhookTriggerRoutes(
  app: FastifyInstance,
  options: WebhookTriggerRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.get(
    '/workflows/:id/webhooks',
    {
      schema: {
        tags: ['workflows'],
        operationId: 'listWorkflowWebhooks',
        summary: "The draft's webhook triggers with their production and debug URLs",
        params: WorkflowParams,
        response: { 200: WebhookTriggerListSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => listWebhookUrls(options, requirePermission(request, 'read'), request.params.id),
  );
}
