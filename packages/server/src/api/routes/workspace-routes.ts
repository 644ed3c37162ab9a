import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { WorkspaceMembership, WorkspaceService } from '../../workspaces/workspace-service.js';
import { principalOf } from '../principal.js';
import { errorResponses } from '../schemas/error-schema.js';
import {
  CreatedWorkspaceSchema,
  CreateWorkspaceBody,
  WorkspaceListItemSchema,
  WorkspaceSchema,
} from '../schemas/workspace-schemas.js';
import type { TypeBoxTypeProvider } from '../typebox-type-provider.js';

export interface WorkspaceRoutesOptions {
  readonly workspaces: WorkspaceService;
}

/** Workspaces: the caller's own, and new ones the caller owns. */
export async function workspaceRoutes(app: FastifyInstance, options: WorkspaceRoutesOptions): Promise<void> {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { workspaces } = options;

  api.post(
    '/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        operationId: 'createWorkspace',
        summary: 'Create a workspace owned by the caller, with an API token that acts in it',
        body: CreateWorkspaceBody,
        response: { 201: CreatedWorkspaceSchema, ...errorResponses(400, 401) },
      },
    },
    async (request, reply) => {
      // Any member may start a workspace of their own: it grants nothing in the current one.
      const created = await workspaces.createWorkspace(principalOf(request), request.body.name);
      return reply
        .code(201)
        .send({ id: created.workspace.id, name: created.workspace.name, token: created.token });
    },
  );

  api.get(
    '/workspaces',
    {
      schema: {
        tags: ['workspaces'],
        operationId: 'listWorkspaces',
        summary: 'The workspaces the token can act in (a token belongs to exactly one)',
        response: {
          200: Type.Object({ items: Type.Array(WorkspaceListItemSchema) }),
          ...errorResponses(401),
        },
      },
    },
    async (request) => {
      const { workspace, member } = await workspaces.membership(principalOf(request));
      return {
        items: [
          {
            id: workspace.id,
            name: workspace.name,
            createdAt: workspace.createdAt.toISOString(),
            role: member.role,
          },
        ],
      };
    },
  );

  api.get(
    '/workspace',
    {
      schema: {
        tags: ['workspaces'],
        operationId: 'getWorkspace',
        summary: 'The workspace the token acts in, and as which member and role',
        response: { 200: WorkspaceSchema, ...errorResponses(401, 404) },
      },
    },
    async (request) => membershipView(await workspaces.membership(principalOf(request))),
  );
}

function membershipView({ workspace, member }: WorkspaceMembership) {
  return {
    id: workspace.id,
    name: workspace.name,
    createdAt: workspace.createdAt.toISOString(),
    member: { id: member.id, name: member.name, role: member.role },
  };
}
