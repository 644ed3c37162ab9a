import type { FastifySchemaValidationError } from 'fastify';

/**
 * Turns the schema validator's first complaint into a sentence that names the field and what it
 * takes, e.g. `body/name must be string` or `querystring/outcome must be one of: accepted, duplicate`.
 */
export function validationMessage(
  context: string | undefined,
  errors: readonly FastifySchemaValidationError[],
): string {
  const error = errors[0];
  if (!error) return `${context ?? 'request'} is invalid`;
  const path = `${context ?? 'request'}${decodePointer(error.instancePath)}`;
  const params = error.params as Readonly<Record<string, unknown>>;
  switch (error.keyword) {
    case 'required':
      return `${path}/${String(params.missingProperty)} is required`;
    case 'additionalProperties':
      return `${path}/${String(params.additionalProperty)} is not an allowed field`;
    case 'enum':
      return `${path} must be one of: ${listOf(params.allowedValues)}`;
    case 'const':
      return `${path} must be ${JSON.stringify(params.allowedValue)}`;
    case 'type':
      return `${path} must be ${String(params.type)}`;
    case 'minLength':
      return `${path} must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `${path} must be at most ${String(params.limit)} characters long`;
    case 'minItems':
      return `${path} must have at least ${String(params.limit)} items`;
    case 'maxItems':
      return `${path} must have at most ${String(params.limit)} items`;
    default:
      return `${path} ${error.message ?? 'is invalid'}`;
  }
}

/** `/a~1b/0` (JSON Pointer) -> `/a/b/0`-style text that reads as a path. */
function decodePointer(pointer: string): string {
  return pointer.replace(/~1/g, '/').replace(/~0/g, '~');
}

function listOf(values: unknown): string {
  if (!Array.isArray(values)) return String(values);
  return values.map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
}
