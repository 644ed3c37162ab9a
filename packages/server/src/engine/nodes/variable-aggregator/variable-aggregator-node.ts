import type { VariableSelector } from '../../workflow-graph.js';
import type { NodeDefinition, VariablePool } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';

export interface AggregatorGroup {
  readonly group_name: string;
  readonly output_type: string;
  readonly variables: readonly VariableSelector[];
}

/** Dify's variable aggregator: one output from branches that never all run. */
export interface VariableAggregatorNodeData {
  readonly output_type: string;
  readonly variables: readonly VariableSelector[];
  readonly advanced_settings?: {
    readonly group_enabled: boolean;
    readonly groups: readonly AggregatorGroup[];
  };
}

function groupsEnabled(data: VariableAggregatorNodeData): boolean {
  return data.advanced_settings?.group_enabled === true;
}

/** The first selector whose variable holds a value (not null or missing). */
function firstValue(pool: VariablePool, selectors: readonly VariableSelector[]): unknown {
  for (const selector of selectors) {
    const value = pool.get(selector);
    if (value !== undefined && value !== null) return value;
  }
  return null;
}

export const variableAggregatorNode: NodeDefinition<VariableAggregatorNodeData> = {
  type: 'variable-aggregator',
  parse(data, path) {
    const reader = DataReader.of(data, path);
    const outputType = reader.string('output_type', { optional: true }) ?? 'any';
    const variables = reader.selectors('variables', { optional: true });
    const settings = reader.object('advanced_settings', { optional: true });
    const groupEnabled = settings?.boolean('group_enabled', false) ?? false;
    const names = new Set<string>();
    const groups =
      settings?.list(
        'groups',
        (group) => {
          const name = group.name('group_name');
          const groupVariables = group.selectors('variables', { optional: true });
          if (name === undefined) return undefined;
          if (names.has(name)) return group.fail('group_name', `"${name}" is used by another group`);
          names.add(name);
          return group.keep({
            group_name: name,
            output_type: group.string('output_type', { optional: true }) ?? 'any',
            variables: groupVariables,
          });
        },
        { optional: true },
      ) ?? [];
    if (groupEnabled && groups.length === 0)
      settings?.fail('groups', 'must hold at least one group when group_enabled is true');
    return reader.result({
      output_type: outputType,
      variables,
      ...(settings === undefined ? {} : { advanced_settings: { group_enabled: groupEnabled, groups } }),
    });
  },
  references: (data) =>
    groupsEnabled(data)
      ? (data.advanced_settings?.groups ?? []).flatMap((group) => group.variables)
      : data.variables,
  outputNames: (data) =>
    groupsEnabled(data)
      ? (data.advanced_settings?.groups ?? []).map((group) => group.group_name)
      : ['output'],
  async execute({ node, pool }) {
    const data = node.data;
    if (!groupsEnabled(data)) {
      return { status: 'succeeded', inputs: {}, outputs: { output: firstValue(pool, data.variables) } };
    }
    const groups = data.advanced_settings?.groups ?? [];
    // Each group is an object with its own `output`, read as `[node, group, 'output']`, as in Dify.
    const outputs = Object.fromEntries(
      groups.map((group) => [group.group_name, { output: firstValue(pool, group.variables) }]),
    );
    return { status: 'succeeded', inputs: {}, outputs };
  },
};
