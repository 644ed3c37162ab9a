import { parseReferences } from '../../variables/variable-reference.js';
import type { NodeDefinition, VariablePool } from '../node-definition.js';
import { compare } from './compare.js';
import {
  type ConditionValue,
  ELSE_BRANCH,
  type IfElseCondition,
  type IfElseNodeData,
  parseIfElseData,
} from './if-else-data.js';

interface Evaluated {
  readonly case_id: string;
  readonly variable_selector: readonly string[];
  readonly comparison_operator: string;
  readonly actual_value: unknown;
  readonly expected_value: ConditionValue | null;
  readonly result: boolean;
}

/** Texts are rendered first (`{{#node.var#}}`); lists are compared as written, as in Dify. */
function expectedValue(condition: IfElseCondition, pool: VariablePool): ConditionValue | undefined {
  return typeof condition.value === 'string' ? pool.render(condition.value) : condition.value;
}

/**
 * Takes the branch of the first case whose conditions hold (all with `and`, any with `or`, checked
 * in order and stopping early), else `false`. A value that cannot be compared fails the node.
 */
export const ifElseNode: NodeDefinition<IfElseNodeData> = {
  type: 'if-else',
  parse: parseIfElseData,
  references: (data) =>
    data.cases.flatMap((ifCase) =>
      ifCase.conditions.flatMap((condition) => [
        condition.variable_selector,
        ...(typeof condition.value === 'string' ? parseReferences(condition.value) : []),
      ]),
    ),
  outputNames: () => ['result', 'selected_case_id'],
  async execute({ node, pool }) {
    const evaluated: Evaluated[] = [];
    for (const [caseIndex, ifCase] of node.data.cases.entries()) {
      const wantAll = ifCase.logical_operator === 'and';
      let matched = wantAll;
      for (const [conditionIndex, condition] of ifCase.conditions.entries()) {
        const actual = pool.get(condition.variable_selector);
        const expected = expectedValue(condition, pool);
        const comparison = compare(condition.comparison_operator, actual, expected);
        if (!comparison.ok) {
          const where = `cases[${caseIndex}] (${ifCase.case_id}) conditions[${conditionIndex}] {{#${condition.variable_selector.join('.')}#}} ${condition.comparison_operator}`;
          return {
            status: 'failed',
            inputs: { conditions: evaluated },
            error: `${where}: ${comparison.error}`,
          };
        }
        evaluated.push({
          case_id: ifCase.case_id,
          variable_selector: condition.variable_selector,
          comparison_operator: condition.comparison_operator,
          actual_value: actual ?? null,
          expected_value: expected ?? null,
          result: comparison.result,
        });
        if (comparison.result !== wantAll) {
          matched = comparison.result;
          break;
        }
      }
      if (matched) {
        return {
          status: 'succeeded',
          inputs: { conditions: evaluated },
          outputs: { result: true, selected_case_id: ifCase.case_id },
          branch: ifCase.case_id,
        };
      }
    }
    return {
      status: 'succeeded',
      inputs: { conditions: evaluated },
      outputs: { result: false, selected_case_id: ELSE_BRANCH },
      branch: ELSE_BRANCH,
    };
  },
};
