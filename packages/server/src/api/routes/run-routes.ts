import type { FastifyInstance } from 'fastify';
import type { RunService } from '../../runs/run-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  DraftRunBody,
  RunListQuery,
  RunPageSchema,
  RunParams,
  RunSchema,
  WorkspaceRunListQuery,
} from '../schemas/run-schemas.js';
import { WorkflowParams } from '../schemas/workflow-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface RunRoutesOptions {
  readonly runs: RunService;
}

const tags = ['runs'];

/** Runs: run the draft, list the workspace's or a workflow's runs, show one with its trace, retry a failed one. */
export async function runRoutes(app: FastifyInstance, options: RunRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { runs } = options;

  api.post(
    '/workflows/:id/draft/run',
    {
      schema: {
        tags,
        operationId: 'runWorkflowDraft',
        summary:
          'Queue a run of the draft as it is now, from its start node; poll GET /runs/{id} for the result',
        params: WorkflowParams,
        body: DraftRunBody,
        response: { 202: RunSchema, ...errorResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const run = await runs.runDraft(requirePermission(request, 'write'), request.params.id, request.body);
      return reply.code(202).send(run);
    },
  );

  api.get(
    '/workflows/:id/runs',
    {
      schema: {
        tags,
        operationId: 'listWorkflowRuns',
        summary: "A workflow's runs, newest first",
        params: WorkflowParams,
        querystring: RunListQuery,
        response: { 200: RunPageSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => runs.list(requirePermission(request, 'read'), request.params.id, request.query),
  );

  api.get(
    '/runs',
    {
      schema: {
        tags,
        operationId: 'listRuns',
        summary: "The workspace's runs across its workflows, newest first, paginated",
        querystring: WorkspaceRunListQuery,
        response: { 200: RunPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => runs.listAll(requirePermission(request, 'read'), request.query),
  );

  api.get(
    '/runs/:id',
    {
      schema: {
        tags,
        operationId: 'getRun',
        summary: 'A run: status, inputs, outputs, error, trigger and per-node trace',
        params: RunParams,
        response: { 200: RunSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => runs.get(requirePermission(request, 'read'), request.params.id),
  );

  api.post(
    '/runs/:id/retry',
    {
      schema: {
        tags,
        operationId: 'retryRun',
        summary: 'Run a failed run again, as a new run linked to it (retryOf, attempt + 1)',
        params: RunParams,
        response: { 202: RunSchema, ...errorResponses(401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const run = await runs.retry(requirePermission(request, 'write'), request.params.id);
      return reply.code(202).send(run);
    },
  );
}
