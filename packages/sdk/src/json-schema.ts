/**
 * The subset of JSON Schema (draft 2020-12 / draft-07 compatible) that integrations use to describe
 * event outputs and that the API publishes. Kept structural so schemas from any source fit.
 *
 * @example
 * const schema: JsonSchema = { type: 'object', properties: { action: { type: 'string' } } };
 */
export interface JsonSchema {
  readonly $id?: string;
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly title?: string;
  readonly description?: string;
  readonly type?: JsonSchemaType | readonly JsonSchemaType[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly format?: string;
  readonly [keyword: string]: unknown;
}

/**
 * The primitive types JSON Schema names.
 *
 * @example
 * const type: JsonSchemaType = 'object';
 */
export type JsonSchemaType = 'object' | 'array' | 'string' | 'number' | 'integer' | 'boolean' | 'null';
