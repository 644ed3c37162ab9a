import type { NodeDefinition } from '../node-definition.js';
import { parseStartData, type StartNodeData } from './start-data.js';
import { checkStartInput } from './start-inputs.js';

/**
 * The manual start: the run's inputs, checked against the declared fields. Inputs nobody
 * declared are dropped.
 */
export const startNode: NodeDefinition<StartNodeData> = {
  type: 'start',
  parse: parseStartData,
  references: () => [],
  outputNames: (data) => data.variables.map((variable) => variable.variable),
  async execute({ node, triggerInput = {} }) {
    const problems: string[] = [];
    const outputs: Array<[string, unknown]> = [];
    for (const declared of node.data.variables) {
      const checked = checkStartInput(
        declared,
        Object.hasOwn(triggerInput, declared.variable) ? triggerInput[declared.variable] : undefined,
      );
      if (checked.ok) outputs.push([declared.variable, checked.value]);
      else problems.push(checked.problem);
    }
    if (problems.length > 0) return { status: 'failed', inputs: triggerInput, error: problems.join('; ') };
    return { status: 'succeeded', inputs: triggerInput, outputs: Object.fromEntries(outputs) };
  },
};
