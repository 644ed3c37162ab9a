import type { FastifyInstance } from 'fastify';
import { DEFAULT_DSL_LIMITS } from '../../engine/dsl/dsl-limits.js';
import type { WorkflowService } from '../../workflows/workflow-service.js';
import { requirePermission } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  DraftSchema,
  ExportQuery,
  WorkflowListSchema,
  WorkflowParams,
  WorkflowSchema,
} from '../schemas/workflow-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';
import { workflowVersionRoutes } from './workflow-version-routes.js';

export interface WorkflowRoutesOptions {
  readonly workflows: WorkflowService;
}

const tags = ['workflows'];

/** Media types a DSL document may be sent as, besides JSON. */
export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'];

/** A document body: the DSL's own limit, with room for JSON's quoting. */
const DOCUMENT_BODY_LIMIT = DEFAULT_DSL_LIMITS.maxBytes + 64 * 1024;

const documentBody = {
  description:
    'A Dify DSL document as application/yaml or JSON. POST also takes {"name", "description"} for an empty workflow; PUT also takes {"graph", "name"?, "description"?} to replace the graph only.',
};

/** Workflow apps: create (import), list, show, delete, the draft, publishing, versions and export. */
export async function workflowRoutes(app: FastifyInstance, options: WorkflowRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { workflows } = options;
  // YAML arrives as text; the DSL reader parses it with its own limits and messages.
  app.addContentTypeParser(
    YAML_MEDIA_TYPES,
    { parseAs: 'string', bodyLimit: DOCUMENT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  api.post(
    '/workflows',
    {
      bodyLimit: DOCUMENT_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'createWorkflow',
        summary:
          'Create a workflow from a Dify DSL document (imported whole or refused whole), or an empty one',
        description: documentBody.description,
        response: { 201: WorkflowSchema, ...errorResponses(400, 401, 403, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      const created = await workflows.create(requirePermission(request, 'write'), request.body);
      return reply.code(201).send(created);
    },
  );

  api.get(
    '/workflows',
    {
      schema: {
        tags,
        operationId: 'listWorkflows',
        summary: "The workspace's workflows, oldest first",
        response: { 200: WorkflowListSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => workflows.list(requirePermission(request, 'read')),
  );

  api.get(
    '/workflows/:id',
    {
      schema: {
        tags,
        operationId: 'getWorkflow',
        summary: 'A workflow',
        params: WorkflowParams,
        response: { 200: WorkflowSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => workflows.get(requirePermission(request, 'read'), request.params.id),
  );

  api.delete(
    '/workflows/:id',
    {
      schema: {
        tags,
        operationId: 'deleteWorkflow',
        summary: 'Delete a workflow with its versions, triggers and runs',
        params: WorkflowParams,
        response: { 204: { type: 'null', description: 'Deleted.' }, ...errorResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      await workflows.delete(requirePermission(request, 'write'), request.params.id);
      return reply.code(204).send();
    },
  );

  api.get(
    '/workflows/:id/draft',
    {
      schema: {
        tags,
        operationId: 'getWorkflowDraft',
        summary: 'The draft, with what blocks publishing it',
        params: WorkflowParams,
        response: { 200: DraftSchema, ...errorResponses(401, 403, 404) },
      },
    },
    async (request) => workflows.getDraft(requirePermission(request, 'read'), request.params.id),
  );

  api.put(
    '/workflows/:id/draft',
    {
      bodyLimit: DOCUMENT_BODY_LIMIT,
      schema: {
        tags,
        operationId: 'putWorkflowDraft',
        summary: 'Replace the draft (a document) or its graph; the published version does not change',
        description: documentBody.description,
        params: WorkflowParams,
        response: { 200: DraftSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (request) =>
      workflows.putDraft(requirePermission(request, 'write'), request.params.id, request.body),
  );

  api.post(
    '/workflows/:id/publish',
    {
      schema: {
        tags,
        operationId: 'publishWorkflow',
        summary:
          'Validate the draft fully and publish it as the next immutable version; its triggers go live',
        params: WorkflowParams,
        response: { 200: WorkflowSchema, ...errorResponses(401, 403, 404, 422) },
      },
    },
    async (request) => workflows.publish(requirePermission(request, 'write'), request.params.id),
  );

  api.get(
    '/workflows/:id/export',
    {
      schema: {
        tags,
        operationId: 'exportWorkflow',
        summary: 'The draft, the published version or an earlier published one as a Dify DSL document (YAML)',
        params: WorkflowParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'A Dify DSL document.',
            content: { 'application/yaml': { schema: { type: 'string' } } },
          },
          ...errorResponses(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const exported = await workflows.export(
        requirePermission(request, 'read'),
        request.params.id,
        request.query,
      );
      const filename = `${exported.name.replace(/[^\w.-]+/g, '_') || 'workflow'}.yml`;
      return reply
        .type('application/yaml; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(exported.yaml);
    },
  );

  // Published versions come with the workflow routes, wherever those are mounted.
  await workflowVersionRoutes(app, { workflows });
}
