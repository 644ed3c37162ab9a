import type { Expression } from './native-template-ast.js';
import { NATIVE_FILTERS } from './native-template-filters.js';

const outputOnly = (name: string) => NATIVE_FILTERS.get(name)?.outputOnly === true;

/**
 * A filter whose result is only fit for output (`escape`, a nunjucks SafeString object that is
 * truthy even when empty and unlike a string to other filters) may only be an output's last filter.
 */
export function escapesOnlyLast(expression: Expression): boolean {
  if (expression.kind === 'filter' && outputOnly(expression.name)) {
    return (
      !hasFilter(expression.input, outputOnly) && !expression.args.some((arg) => hasFilter(arg, outputOnly))
    );
  }
  return !hasFilter(expression, outputOnly);
}

/** Whether an expression (an `if` condition, a `for` list) uses an output-only filter anywhere. */
export function usesOutputOnlyFilter(expression: Expression): boolean {
  return hasFilter(expression, outputOnly);
}

function hasFilter(expression: Expression, matches: (name: string) => boolean): boolean {
  switch (expression.kind) {
    case 'literal':
    case 'name':
    case 'local':
    case 'loop':
      return false;
    case 'member':
      return hasFilter(expression.target, matches) || hasFilter(expression.key, matches);
    case 'filter':
      return (
        matches(expression.name) ||
        hasFilter(expression.input, matches) ||
        expression.args.some((arg) => hasFilter(arg, matches))
      );
    case 'not':
      return hasFilter(expression.operand, matches);
    case 'and':
    case 'or':
    case 'compare':
      return hasFilter(expression.left, matches) || hasFilter(expression.right, matches);
    default: {
      const unknown: never = expression;
      throw new Error(`unknown expression ${JSON.stringify(unknown)}`);
    }
  }
}
