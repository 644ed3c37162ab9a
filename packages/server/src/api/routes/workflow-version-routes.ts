import type { FastifyInstance } from 'fastify';
import type { WorkflowService } from '../../workflows/workflow-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  VersionListSchema,
  VersionParams,
  VersionSchema,
  WorkflowParams,
} from '../schemas/workflow-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface WorkflowVersionRoutesOptions {
  readonly workflows: WorkflowService;
}

const tags = ['workflows'];

/** A workflow's published versions: the list, and one version's graph. */
export async function workflowVersionRoutes(
  app: FastifyInstance,
  options: WorkflowVersionRoutesOptions,
): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { workflows } = options;

  api.get(
    '/workflows/:id/versions',
    {
      schema: {
        tags,
        operationId: 'listWorkflowVersions',
        summary: 'Every published version of a workflow, newest first',
        params: WorkflowParams,
        response: { 200: VersionListSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => workflows.listVersions(requirePermission(request, 'read'), request.params.id),
  );

  api.get(
    '/workflows/:id/versions/:versionId',
    {
      schema: {
        tags,
        operationId: 'getWorkflowVersion',
        summary: 'One published version with its graph',
        params: VersionParams,
        response: { 200: VersionSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) =>
      workflows.getVersion(requirePermission(request, 'read'), request.params.id, request.params.versionId),
  );
}
