import type { NodeDefinition } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';
import { readMappedValues, readMappings, type VariableMapping } from '../parse/variable-mapping.js';

/** Dify's end node: names the run's final outputs. */
export interface EndNodeData {
  readonly outputs: readonly VariableMapping[];
}

/** Collects the run's final outputs; a variable that is missing ends as null. */
export const endNode: NodeDefinition<EndNodeData> = {
  type: 'end',
  parse(data, path) {
    const reader = DataReader.of(data, path);
    const outputs = readMappings(reader, 'outputs', { optional: true });
    return reader.result({ outputs });
  },
  references: (data) => data.outputs.map((output) => output.value_selector),
  outputNames: (data) => data.outputs.map((output) => output.variable),
  async execute({ node, pool }) {
    const outputs = readMappedValues(node.data.outputs, (selector) => pool.get(selector));
    return { status: 'succeeded', inputs: outputs, outputs };
  },
};
