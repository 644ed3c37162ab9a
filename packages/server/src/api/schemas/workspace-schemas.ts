import { Type } from '@sinclair/typebox';
import { ROLES } from '../../domain/roles.js';
import { WORKSPACE_NAME_MAX_LENGTH } from '../../workspaces/workspace-name.js';

export const RoleSchema = Type.Union(
  ROLES.map((role) => Type.Literal(role)),
  { description: 'owner and admin manage, editor also writes, viewer only reads.' },
);

export const CreateWorkspaceBody = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: WORKSPACE_NAME_MAX_LENGTH,
      description: 'Shown to members; leading and trailing spaces are dropped.',
    }),
  },
  { additionalProperties: false },
);

export const CreatedWorkspaceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  token: Type.String({
    description: "API token of the new workspace's owner. Shown only in this answer: keep it.",
  }),
});

export const WorkspaceSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  member: Type.Object({
    id: Type.String(),
    name: Type.String(),
    role: RoleSchema,
  }),
});

export const WorkspaceListItemSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  role: RoleSchema,
});
