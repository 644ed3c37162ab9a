import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from '@tripline/sdk';

/**
 * A small draft-07 checker for tests: the keywords @octokit/webhooks-schemas uses that decide
 * validity (type, enum, const, properties, required, additionalProperties, items, sizes, allOf,
 * anyOf, oneOf, $ref into the document). Formats are not checked. Returns at most a few messages,
 * each naming the JSON path; empty means valid.
 */
export function schemaErrors(root: JsonSchema, value: unknown): string[] {
  const errors: string[] = [];
  check({ root }, root, value, '$', errors);
  return errors.slice(0, 5);
}

interface Context {
  readonly root: JsonSchema;
}

/** Every `$ref` in the schema resolves inside it. */
export function unresolvedRefs(root: JsonSchema): string[] {
  const missing: string[] = [];
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node !== null && typeof node === 'object') {
      for (const [key, child] of Object.entries(node)) {
        if (key === '$ref' && typeof child === 'string' && resolve(root, child) === undefined)
          missing.push(child);
        else pending.push(child);
      }
    }
  }
  return missing;
}

function resolve(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node === undefined ? undefined : (node as JsonSchema);
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    default:
      return typeof value === type;
  }
}

function check(
  context: Context,
  schema: JsonSchema | boolean,
  value: unknown,
  path: string,
  errors: string[],
): void {
  if (schema === true) return;
  if (schema === false) {
    errors.push(`${path}: no value is allowed here`);
    return;
  }
  if (schema.$ref !== undefined) {
    const target = resolve(context.root, schema.$ref);
    if (target === undefined) errors.push(`${path}: $ref ${schema.$ref} does not resolve`);
    else check(context, target, value, path, errors);
    return;
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  if (types.length > 0 && !types.some((type) => typeMatches(type, value))) {
    errors.push(`${path}: expected ${types.join(' or ')}, got ${value === null ? 'null' : typeof value}`);
    return;
  }
  if (schema.enum && !schema.enum.some((option) => isDeepStrictEqual(option, value))) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  }
  if ('const' in schema && !isDeepStrictEqual(schema.const, value)) {
    errors.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  }
  if (typeMatches('object', value))
    checkObject(context, schema, value as Record<string, unknown>, path, errors);
  if (Array.isArray(value)) checkArray(context, schema, value, path, errors);
  if (typeof value === 'string' && typeof schema.maxLength === 'number' && value.length > schema.maxLength) {
    errors.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      errors.push(`${path}: below ${schema.minimum}`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      errors.push(`${path}: above ${schema.maximum}`);
  }
  for (const member of schema.allOf ?? []) check(context, member, value, path, errors);
  if (schema.anyOf && !schema.anyOf.some((member) => passes(context, member, value, path))) {
    errors.push(`${path}: matches none of anyOf`, ...firstErrors(context, schema.anyOf, value, path));
  }
  if (schema.oneOf) {
    const matching = schema.oneOf.filter((member) => passes(context, member, value, path)).length;
    if (matching !== 1) {
      errors.push(`${path}: matches ${matching} of oneOf`);
      if (matching === 0) errors.push(...firstErrors(context, schema.oneOf, value, path));
    }
  }
}

function checkObject(
  context: Context,
  schema: JsonSchema,
  value: Record<string, unknown>,
  path: string,
  errors: string[],
): void {
  for (const name of schema.required ?? []) {
    if (!(name in value)) errors.push(`${path}: missing required "${name}"`);
  }
  const properties = schema.properties ?? {};
  for (const [name, child] of Object.entries(value)) {
    const declared = properties[name];
    if (declared !== undefined) check(context, declared, child, `${path}.${name}`, errors);
    else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property "${name}"`);
    else if (typeof schema.additionalProperties === 'object') {
      check(context, schema.additionalProperties, child, `${path}.${name}`, errors);
    }
  }
}

function checkArray(
  context: Context,
  schema: JsonSchema,
  value: unknown[],
  path: string,
  errors: string[],
): void {
  if (typeof schema.minItems === 'number' && value.length < schema.minItems)
    errors.push(`${path}: too few items`);
  if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
    errors.push(`${path}: too many items`);
  if (schema.items === undefined) return;
  const items = schema.items;
  value.forEach((item, index) => {
    check(context, items, item, `${path}[${index}]`, errors);
  });
}

function passes(context: Context, schema: JsonSchema, value: unknown, path: string): boolean {
  const errors: string[] = [];
  check(context, schema, value, path, errors);
  return errors.length === 0;
}

/** The first complaint of each alternative, to show why a union refused a value. */
function firstErrors(
  context: Context,
  members: readonly JsonSchema[],
  value: unknown,
  path: string,
): string[] {
  return members.slice(0, 4).map((member, index) => {
    const errors: string[] = [];
    check(context, member, value, path, errors);
    return `  alternative ${index}: ${errors[0] ?? 'passes'}`;
  });
}
