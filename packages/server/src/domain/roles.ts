/** Member roles, strongest first. */
export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** What a role may do; checked once per route. */
export type Permission = 'read' | 'write' | 'manage';

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: ['read', 'write', 'manage'],
  admin: ['read', 'write', 'manage'],
  editor: ['read', 'write'],
  viewer: ['read'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
