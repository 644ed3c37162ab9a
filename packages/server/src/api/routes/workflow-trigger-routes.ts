import type { FastifyInstance } from 'fastify';
import type { TriggerService } from '../../workflows/trigger-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  TriggerListSchema,
  TriggerParams,
  TriggerPatchBody,
  TriggerSchema,
  WorkflowParams,
} from '../schemas/workflow-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface WorkflowTriggerRoutesOptions {
  readonly triggers: TriggerService;
}

const tags = ['workflows'];

/** The triggers of a workflow's published version: list, switch on and off. */
export async function workflowTriggerRoutes(
  app: FastifyInstance,
  options: WorkflowTriggerRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { triggers } = options;

  api.get(
    '/workflows/:id/triggers',
    {
      schema: {
        tags,
        operationId: 'listWorkflowTriggers',
        summary: "The published version's entry nodes, and whether each fires",
        params: WorkflowParams,
        response: { 200: TriggerListSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => triggers.list(requirePermission(request, 'read'), request.params.id),
  );

  api.patch(
    '/workflows/:id/triggers/:nodeId',
    {
      schema: {
        tags,
        operationId: 'updateWorkflowTrigger',
        summary: 'Switch a trigger of the published version on or off',
        params: TriggerParams,
        body: TriggerPatchBody,
        response: { 200: TriggerSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      triggers.setEnabled(
        requirePermission(request, 'write'),
        request.params.id,
        request.params.nodeId,
        request.body.enabled,
      ),
  );
}
