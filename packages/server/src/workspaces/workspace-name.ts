import { ValidationError } from '../domain/errors.js';

export const WORKSPACE_NAME_MAX_LENGTH = 100;

/** A workspace name as stored: trimmed, 1 to 100 characters. */
export function normalizeWorkspaceName(raw: string, path = 'name'): string {
  const name = raw.trim();
  if (name.length === 0) throw new ValidationError(`${path} must not be empty or only spaces`);
  if (name.length > WORKSPACE_NAME_MAX_LENGTH) {
    throw new ValidationError(
      `${path} must be at most ${WORKSPACE_NAME_MAX_LENGTH} characters long (got ${name.length})`,
    );
  }
  return name;
}
