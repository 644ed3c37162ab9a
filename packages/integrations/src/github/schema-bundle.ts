import type { JsonSchema } from '@tripline/sdk';

/** The shape of @octokit/webhooks-schemas: every event and shared object under `definitions`. */
export interface WebhookSchemaDocument {
  readonly definitions: Readonly<Record<string, JsonSchema>>;
}

const DRAFT_07 = 'http://json-schema.org/draft-07/schema#';
const REF_PREFIX = '#/definitions/';
/** Keywords whose value maps names to schemas, not schemas themselves. */
const SCHEMA_MAPS = new Set(['properties', 'definitions', '$defs', 'patternProperties']);
/** A TypeScript-generator hint and nested `$schema`s that strict validators refuse. */
const DROPPED = new Set(['tsAdditionalProperties', '$schema']);

/**
 * One event's payload schema, self-contained: the event's schema with every definition it reaches
 * copied under `definitions`, so its `#/definitions/...` references resolve inside it. An event
 * with actions is the `oneOf` of its per-action schemas, plus top-level `properties` that merge
 * theirs, so a reader sees every output variable without walking the union.
 */
export function bundleEventSchema(
  document: WebhookSchemaDocument,
  target: { readonly event: string; readonly description: string },
): JsonSchema {
  const header = {
    $schema: DRAFT_07,
    title: `GitHub ${target.event} event`,
    description: target.description,
  };
  const rootKey = [`${target.event}_event`, `${target.event}$event`].find((key) =>
    Object.hasOwn(document.definitions, key),
  );
  const root = rootKey === undefined ? undefined : document.definitions[rootKey];
  if (root === undefined) return { ...header, type: 'object' };
  const definitions: Record<string, JsonSchema> = {};
  for (const name of [...reachableDefinitions(document, root)].sort()) {
    definitions[name] = clean(definitionAt(document, name));
  }
  const variants = root.oneOf?.map((entry) => (entry.$ref ? definitions[refName(entry.$ref)] : clean(entry)));
  if (!variants || variants.some((variant) => variant === undefined)) {
    return { ...clean(root), ...header, definitions };
  }
  const present = variants
    .filter((variant): variant is JsonSchema => variant !== undefined)
    .flatMap(objectAlternatives);
  return {
    ...header,
    type: 'object',
    properties: mergeProperties(present),
    required: commonRequired(present),
    oneOf: root.oneOf,
    definitions,
  };
}

function refName(ref: string): string {
  if (!ref.startsWith(REF_PREFIX))
    throw new Error(`unsupported $ref "${ref}": only ${REF_PREFIX}... is bundled`);
  return ref.slice(REF_PREFIX.length).replaceAll('~1', '/').replaceAll('~0', '~');
}

function definitionAt(document: WebhookSchemaDocument, name: string): JsonSchema {
  const found = document.definitions[name];
  if (found === undefined) throw new Error(`$ref "${REF_PREFIX}${name}" names no definition`);
  return found;
}

function reachableDefinitions(document: WebhookSchemaDocument, root: JsonSchema): Set<string> {
  const found = new Set<string>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) pending.push(...node);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === '$ref' && typeof value === 'string') {
          const name = refName(value);
          if (!found.has(name)) {
            found.add(name);
            pending.push(definitionAt(document, name));
          }
        } else pending.push(value);
      }
    }
  }
  return found;
}

/** A deep copy without the keywords in {@link DROPPED}; property names are kept whatever they are. */
function clean(schema: JsonSchema): JsonSchema {
  return copySchema(schema) as JsonSchema;
}

function copySchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(copySchema);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROPPED.has(key)) continue;
    copy[key] = SCHEMA_MAPS.has(key) && isMap(value) ? copyMap(value) : copySchema(value);
  }
  return copy;
}

function copyMap(map: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([name, schema]) => [name, copySchema(schema)]));
}

function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A variant that is itself a union (`review_requested`: by a user or by a team) counts as its members. */
function objectAlternatives(variant: JsonSchema): JsonSchema[] {
  if (variant.properties !== undefined) return [variant];
  const members = variant.oneOf ?? variant.anyOf ?? [];
  return members.flatMap(objectAlternatives);
}

function mergeProperties(variants: readonly JsonSchema[]): Record<string, JsonSchema> {
  const byName = new Map<string, Map<string, JsonSchema>>();
  for (const variant of variants) {
    for (const [name, schema] of Object.entries(variant.properties ?? {})) {
      const distinct = byName.get(name) ?? new Map<string, JsonSchema>();
      // Variants often repeat a property with and without its description: keep one, described.
      const { description: _description, ...shape } = schema;
      const key = JSON.stringify(shape);
      if (!distinct.get(key)?.description) distinct.set(key, schema);
      byName.set(name, distinct);
    }
  }
  const merged: Record<string, JsonSchema> = {};
  for (const [name, distinct] of byName) merged[name] = mergeAlternatives([...distinct.values()]);
  return merged;
}

/** One schema for a property the variants describe differently: their enums joined, else `anyOf`. */
function mergeAlternatives(alternatives: readonly JsonSchema[]): JsonSchema {
  const [first] = alternatives;
  if (alternatives.length === 1 && first) return first;
  const enums = alternatives.every(
    (schema) =>
      schema.type === 'string' &&
      Array.isArray(schema.enum) &&
      Object.keys(schema).every((key) => key === 'type' || key === 'enum' || key === 'description'),
  );
  if (enums) {
    const values = new Set(alternatives.flatMap((schema) => schema.enum ?? []));
    return { type: 'string', enum: [...values].sort() };
  }
  return { anyOf: alternatives };
}

function commonRequired(variants: readonly JsonSchema[]): string[] {
  const [first, ...rest] = variants;
  return (first?.required ?? []).filter((name) => rest.every((variant) => variant.required?.includes(name)));
}
