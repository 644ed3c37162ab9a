import type { FastifyRequest } from 'fastify';
import { HttpError } from '../domain/errors.js';
import { type Permission, roleAllows } from '../domain/roles.js';
import type { Principal } from '../store/records.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on every /api/v1 route; undefined elsewhere. */
    principal?: Principal;
  }
}

/** The caller of an /api/v1 route. Throws 401 when the route was reached without authentication. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new HttpError(401, 'unauthenticated', 'send Authorization: Bearer <API token>');
  return request.principal;
}

/** The caller, checked for a permission: 403 names the role and what it lacks. */
export function requirePermission(request: FastifyRequest, permission: Permission): Principal {
  const principal = principalOf(request);
  if (!roleAllows(principal.role, permission)) {
    throw new HttpError(403, 'forbidden', `role "${principal.role}" may not ${permission} in this workspace`);
  }
  return principal;
}
