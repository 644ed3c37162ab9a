import { createRequire } from 'node:module';
import type { JsonSchema } from '@tripline/sdk';
import { describe, expect, it } from 'vitest';
import { GITHUB_EVENT_ACTIONS } from './event-actions.generated.js';
import { GITHUB_EVENT_NAMES } from './event-names.js';
import { EXAMPLES } from './examples.test-helpers.js';
import { github } from './github-integration.js';
import { schemaErrors, unresolvedRefs } from './json-schema-check.test-helpers.js';
import { createOutputSchemas } from './output-schemas.js';
import type { WebhookSchemaDocument } from './schema-bundle.js';

const document = createRequire(import.meta.url)('@octokit/webhooks-schemas') as WebhookSchemaDocument & {
  readonly oneOf: readonly { readonly $ref: string }[];
};

function schemaOf(event: string): JsonSchema {
  const definition = github.events.get(event as never);
  if (!definition) throw new Error(`no event ${event}`);
  return definition.outputSchema;
}

describe('github output schemas', () => {
  it.each(GITHUB_EVENT_NAMES)('describe %s as a self-contained object schema', (event) => {
    const schema = schemaOf(event);
    expect(schema.type).toBe('object');
    expect(schema.title).toBe(`GitHub ${event} event`);
    expect(Object.keys(schema.properties ?? {}).length).toBeGreaterThan(0);
    expect(unresolvedRefs(schema)).toEqual([]);
    expect(JSON.stringify(schema)).not.toContain('tsAdditionalProperties');
  });

  it.each(GITHUB_EVENT_NAMES)('list the actions of %s in the action property', (event) => {
    const actions = GITHUB_EVENT_ACTIONS[event];
    const action = schemaOf(event).properties?.action;
    if (actions === 'free-form') expect(action?.type).toBe('string');
    else if (actions.length === 0) expect(action).toBeUndefined();
    else expect(action?.enum).toEqual(expect.arrayContaining([...actions]));
  });

  // Some examples are older than the schemas (fields GitHub added since are required now), so
  // each event must accept at least one of its real payloads in full, and every payload's
  // top-level fields, its output variables, must be described.
  it.each(EXAMPLES)('accept a real $name payload in full', ({ name, examples }) => {
    const schema = schemaOf(name);
    const valid = examples.some((payload) => schemaErrors(schema, payload).length === 0);
    expect(valid, JSON.stringify(schemaErrors(schema, examples[0]))).toBe(true);
  });

  const examples = EXAMPLES.flatMap((group) =>
    group.examples.map((payload, index) => ({
      label: `${group.name} #${index}`,
      event: group.name,
      payload,
    })),
  );

  it.each(examples)('describe every top-level field of $label', ({ event, payload }) => {
    const declared = Object.keys(schemaOf(event).properties ?? {});
    expect(Object.keys(payload).filter((field) => !declared.includes(field))).toEqual([]);
  });

  it('refuse a payload that breaks its schema', () => {
    const [push] = EXAMPLES.find((group) => group.name === 'push')?.examples ?? [];
    expect(schemaErrors(schemaOf('push'), { ...push, ref: 42 })).toContain(
      '$.ref: expected string, got number',
    );
    expect(schemaErrors(schemaOf('pull_request'), { ...push, action: 'opened' })).not.toEqual([]);
  });

  it('load the schema document only when a schema is first read, and once', () => {
    let loads = 0;
    const schemas = createOutputSchemas({
      load: () => {
        loads += 1;
        return document;
      },
      describe: (event) => `about ${event}`,
    });
    expect(loads).toBe(0);
    const first = schemas('issues');
    expect(schemas('issues')).toBe(first);
    schemas('push');
    expect(loads).toBe(1);
    expect(first.description).toBe('about issues');
  });

  it('fall back to a bare object schema for an event the document lacks', () => {
    const schemas = createOutputSchemas({ load: () => ({ definitions: {} }), describe: () => 'gone' });
    expect(schemas('push')).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'GitHub push event',
      description: 'gone',
      type: 'object',
    });
  });
});

describe('the generated event catalog', () => {
  it('lists every event of the schemas and the examples, with their actions', () => {
    const inSchema = document.oneOf.map((entry) =>
      entry.$ref.replace(/^#\/definitions\/(.+?)(_event|\$event)$/, '$1'),
    );
    const names = new Set([...inSchema, ...EXAMPLES.map((group) => group.name)]);
    expect([...GITHUB_EVENT_NAMES].sort()).toEqual([...names].sort());
    for (const event of GITHUB_EVENT_NAMES) {
      const actions = GITHUB_EVENT_ACTIONS[event];
      if (actions === 'free-form') continue;
      const perAction = Object.keys(document.definitions)
        .filter((key) => key.startsWith(`${event}$`) && key !== `${event}$event`)
        .map((key) => key.slice(event.length + 1));
      const seen = (EXAMPLES.find((group) => group.name === event)?.examples ?? []).flatMap((payload) =>
        typeof payload.action === 'string' ? [payload.action] : [],
      );
      expect([...actions], event).toEqual([...new Set([...perAction, ...seen])].sort());
    }
  });
});
