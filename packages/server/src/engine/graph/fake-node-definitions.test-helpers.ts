import type { NodeDefinition } from '../nodes/node-definition.js';
import type { NodeType, VariableSelector } from '../workflow-graph.js';
import type { NodeDefinitionLookup } from './check-nodes.js';

type Data = Record<string, unknown>;

/**
 * Small stand-ins for the node registry: they read the Dify fields the graph checks need
 * (references and outputs) and refuse only what the tests provoke.
 */
export function fakeNodeDefinitions(): NodeDefinitionLookup {
  return (type) => definitions[type];
}

const definitions: Record<NodeType, NodeDefinition<Data>> = {
  start: fake('start', {
    outputs: (data) => list(data.variables).map((entry) => String(entry.variable)),
  }),
  'trigger-plugin': fake('trigger-plugin', {}),
  'trigger-webhook': fake('trigger-webhook', {}),
  'trigger-schedule': fake('trigger-schedule', {}),
  'variable-aggregator': fake('variable-aggregator', {
    references: (data) => [
      ...selectors(data.variables),
      ...list((data.advanced_settings as Data | undefined)?.groups).flatMap((group) =>
        selectors(group.variables),
      ),
    ],
    outputs: (data) => {
      const settings = data.advanced_settings as Data | undefined;
      if (settings?.group_enabled !== true) return ['output'];
      return list(settings.groups).map((group) => String(group.group_name));
    },
  }),
  'if-else': fake('if-else', {
    parse: (data, path) => (Array.isArray(data.cases) ? [] : [`${path}: cases must be a list`]),
    references: (data) =>
      list(data.cases).flatMap((entry) =>
        list(entry.conditions).map((condition) => condition.variable_selector),
      ) as VariableSelector[],
    outputs: () => [],
  }),
  'template-transform': fake('template-transform', {
    references: (data) => list(data.variables).map((entry) => entry.value_selector as VariableSelector),
    outputs: () => ['output'],
  }),
  code: fake('code', {
    parse: (data, path) => (typeof data.code === 'string' ? [] : [`${path}: code must be a string`]),
    references: (data) => list(data.variables).map((entry) => entry.value_selector as VariableSelector),
    outputs: (data) => Object.keys((data.outputs as Data | undefined) ?? {}),
  }),
  'http-request': fake('http-request', {
    references: (data) => templateReferences([data.url, data.headers, data.params].join('\n')),
    outputs: () => ['status_code', 'body', 'headers', 'files'],
  }),
  end: fake('end', {
    references: (data) => list(data.outputs).map((entry) => entry.value_selector as VariableSelector),
    outputs: (data) => list(data.outputs).map((entry) => String(entry.variable)),
  }),
};

interface FakeParts {
  readonly parse?: (data: Data, path: string) => string[];
  readonly references?: (data: Data) => VariableSelector[];
  readonly outputs?: (data: Data) => string[] | undefined;
}

function fake(type: NodeType, parts: FakeParts): NodeDefinition<Data> {
  return {
    type,
    parse(data, path) {
      const record = data as Data;
      const problems = typeof record.title === 'string' ? [] : [`${path}: title must be a string`];
      problems.push(...(parts.parse?.(record, path) ?? []));
      return problems.length > 0 ? { ok: false, problems } : { ok: true, data: record };
    },
    references: (data) => parts.references?.(data) ?? [],
    outputNames: (data) => parts.outputs?.(data),
    execute: () => Promise.reject(new Error('fake node definitions do not run')),
  };
}

function list(value: unknown): Data[] {
  return Array.isArray(value) ? (value as Data[]) : [];
}

function selectors(value: unknown): VariableSelector[] {
  return Array.isArray(value) ? (value as VariableSelector[]) : [];
}

function templateReferences(text: string): VariableSelector[] {
  return [...text.matchAll(/\{\{#([^#{}]+)#\}\}/g)].map((match) => match[1]!.split('.'));
}
