import type { VariableSelector } from '../../workflow-graph.js';
import type { ParseNodeResult } from '../node-definition.js';
import { DataReader } from '../parse/data-reader.js';

/** Dify's comparison operators, spelled as Dify stores them. */
export const COMPARISON_OPERATORS = [
  'contains',
  'not contains',
  'start with',
  'end with',
  'is',
  'is not',
  'empty',
  'not empty',
  'in',
  'not in',
  'all of',
  '=',
  '≠',
  '>',
  '<',
  '≥',
  '≤',
  'null',
  'not null',
  'exists',
  'not exists',
] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** Operators that look at the variable alone. */
export const UNARY_OPERATORS: readonly ComparisonOperator[] = [
  'empty',
  'not empty',
  'null',
  'not null',
  'exists',
  'not exists',
];
/** Operators whose value is a list. */
export const LIST_OPERATORS: readonly ComparisonOperator[] = ['in', 'not in', 'all of'];

/** The branch taken when no case matches. */
export const ELSE_BRANCH = 'false';

export type ConditionValue = string | number | boolean | ReadonlyArray<string | number | boolean>;

export interface IfElseCondition {
  readonly variable_selector: VariableSelector;
  readonly comparison_operator: ComparisonOperator;
  /** Texts may hold `{{#node.var#}}` references, rendered before comparing. */
  readonly value?: ConditionValue;
}

export interface IfElseCase {
  /** Also the source handle of the edge this case follows. */
  readonly case_id: string;
  readonly logical_operator: 'and' | 'or';
  readonly conditions: readonly IfElseCondition[];
}

export interface IfElseNodeData {
  readonly cases: readonly IfElseCase[];
}

function isScalar(value: unknown): value is string | number | boolean {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function readConditions(reader: DataReader): IfElseCondition[] {
  return reader.list(
    'conditions',
    (item) => {
      const selector = item.selector('variable_selector');
      const operator = item.oneOf('comparison_operator', COMPARISON_OPERATORS);
      if (selector === undefined || operator === undefined) return undefined;
      const value = item.value.value;
      if (UNARY_OPERATORS.includes(operator))
        return item.keep({ variable_selector: selector, comparison_operator: operator });
      if (LIST_OPERATORS.includes(operator)) {
        if (!Array.isArray(value) || !value.every(isScalar)) {
          return item.fail('value', `must be a list of values for "${operator}"`);
        }
      } else if (!isScalar(value)) {
        return item.fail('value', `must be a text, number or true/false for "${operator}"`);
      }
      return item.keep({
        variable_selector: selector,
        comparison_operator: operator,
        value: value as ConditionValue,
      });
    },
    { optional: true },
  );
}

/**
 * Reads Dify's `cases`; a document from before cases (top-level `conditions` and
 * `logical_operator`) becomes one case with id `true`, as Dify reads it.
 */
export function parseIfElseData(data: unknown, path: string): ParseNodeResult<IfElseNodeData> {
  const reader = DataReader.of(data, path);
  if (!reader.has('cases') && reader.has('conditions')) {
    const logicalOperator = reader.oneOf('logical_operator', ['and', 'or'] as const, { fallback: 'and' });
    const conditions = readConditions(reader);
    return reader.result({
      cases: [{ case_id: 'true', logical_operator: logicalOperator ?? 'and', conditions }],
    });
  }
  const ids = new Set<string>();
  const cases = reader.list('cases', (item) => {
    const caseId = item.string('case_id', { nonEmpty: true });
    const logicalOperator = item.oneOf('logical_operator', ['and', 'or'] as const, { fallback: 'and' });
    const conditions = readConditions(item);
    if (caseId === undefined || logicalOperator === undefined) return undefined;
    if (caseId === ELSE_BRANCH)
      return item.fail('case_id', `must not be "${ELSE_BRANCH}", the branch taken when no case matches`);
    if (ids.has(caseId)) return item.fail('case_id', `"${caseId}" is used by another case`);
    ids.add(caseId);
    return item.keep({ case_id: caseId, logical_operator: logicalOperator, conditions });
  });
  if (cases.length === 0 && reader.problems.length === 0) reader.fail('cases', 'must hold at least one case');
  return reader.result({ cases });
}
