import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from '../workflow-graph.js';
import { createNodeDefinitions, getNodeDefinition, nodeDefinitions } from './node-registry.js';

describe('node registry', () => {
  it('has a definition of the right type for every node type', () => {
    expect(Object.keys(nodeDefinitions).sort()).toEqual([...NODE_TYPES].sort());
    for (const type of NODE_TYPES) expect(getNodeDefinition(type).type).toBe(type);
  });

  it('parses every node type from Dify-shaped data', () => {
    const samples: Record<(typeof NODE_TYPES)[number], Record<string, unknown>> = {
      start: { variables: [{ variable: 'q', label: 'Q', type: 'text-input', required: true }] },
      'trigger-plugin': {
        provider_id: 'github',
        event_name: 'push',
        subscription_id: 'sub_1',
        event_parameters: {},
      },
      'trigger-webhook': {
        method: 'POST',
        content_type: 'application/json',
        body: [{ name: 'a', type: 'string', required: true }],
      },
      'trigger-schedule': { mode: 'cron', cron_expression: '0 * * * *', timezone: 'UTC' },
      'variable-aggregator': { output_type: 'string', variables: [['start', 'q']] },
      'if-else': { cases: [{ case_id: 'true', logical_operator: 'and', conditions: [] }] },
      'template-transform': { variables: [], template: 'hi' },
      code: {
        variables: [],
        code_language: 'javascript',
        code: 'function main() { return {}; }',
        outputs: {},
      },
      'http-request': {
        method: 'get',
        url: 'https://example.com',
        headers: '',
        params: '',
        authorization: { type: 'no-auth' },
      },
      end: { outputs: [] },
    };
    for (const type of NODE_TYPES) {
      const result = getNodeDefinition(type).parse(
        { type, title: type, ...samples[type] },
        `nodes (${type})`,
      );
      expect(result, type).toMatchObject({ ok: true });
    }
  });

  it('builds definitions with the given limits', () => {
    const definitions = createNodeDefinitions({ templateTransform: { maxTemplateChars: 3 } });
    expect(definitions['template-transform'].parse({ template: 'long' }, 'n')).toEqual({
      ok: false,
      problems: ['n: template must be at most 3 characters long (got 4)'],
    });
  });
});
