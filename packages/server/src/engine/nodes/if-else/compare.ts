import type { ComparisonOperator, ConditionValue } from './if-else-data.js';

export type Comparison =
  | { readonly ok: true; readonly result: boolean }
  | { readonly ok: false; readonly error: string };

const yes: Comparison = { ok: true, result: true };
const no: Comparison = { ok: true, result: false };

function verdict(result: boolean): Comparison {
  return result ? yes : no;
}

function problem(error: string): Comparison {
  return { ok: false, error };
}

/** Python's truthiness, which Dify's conditions follow: 0, "", [], {} and null are all empty. */
function isFilled(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}

function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Equal, or the same when written as text (a list of numbers holds "3"). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const scalar = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
  return scalar(a) && scalar(b) && String(a) === String(b);
}

function toNumber(expected: ConditionValue | undefined): number | undefined {
  if (typeof expected === 'number') return expected;
  if (typeof expected === 'string' && expected.trim() !== '') {
    const number = Number(expected);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

function toBoolean(expected: ConditionValue | undefined): boolean | undefined {
  if (expected === true || expected === 'true' || expected === 1 || expected === '1') return true;
  if (expected === false || expected === 'false' || expected === 0 || expected === '0') return false;
  return undefined;
}

function compareNumbers(
  operator: ComparisonOperator,
  actual: unknown,
  expected: ConditionValue | undefined,
  test: (a: number, b: number) => boolean,
): Comparison {
  if (actual === null || actual === undefined) return no;
  if (typeof actual === 'boolean' && (operator === '=' || operator === '≠')) {
    const wanted = toBoolean(expected);
    if (wanted === undefined)
      return problem(`expected value ${JSON.stringify(expected)} is not true or false`);
    return verdict(test(Number(actual), Number(wanted)));
  }
  if (typeof actual !== 'number') return problem(`"${operator}" needs a number, got ${kindOf(actual)}`);
  const wanted = toNumber(expected);
  if (wanted === undefined) return problem(`expected value ${JSON.stringify(expected)} is not a number`);
  return verdict(test(actual, wanted));
}

function compareText(
  operator: ComparisonOperator,
  actual: unknown,
  expected: ConditionValue | undefined,
): Comparison {
  if (actual === null || actual === undefined) return no;
  if (typeof actual === 'boolean') {
    const wanted = toBoolean(expected);
    if (wanted === undefined)
      return problem(`expected value ${JSON.stringify(expected)} is not true or false`);
    return verdict((actual === wanted) === (operator === 'is'));
  }
  if (typeof actual !== 'string')
    return problem(`"${operator}" needs a text or true/false, got ${kindOf(actual)}; use = for numbers`);
  return verdict((actual === String(expected ?? '')) === (operator === 'is'));
}

function compareContains(
  operator: ComparisonOperator,
  actual: unknown,
  expected: ConditionValue | undefined,
): Comparison {
  const negate = operator === 'not contains';
  if (!isFilled(actual)) return verdict(negate);
  let found: boolean;
  if (typeof actual === 'string') found = actual.includes(String(expected ?? ''));
  else if (Array.isArray(actual)) found = actual.some((element) => sameValue(element, expected));
  else return problem(`"${operator}" needs a text or a list, got ${kindOf(actual)}`);
  return verdict(found !== negate);
}

function compareEnds(
  operator: ComparisonOperator,
  actual: unknown,
  expected: ConditionValue | undefined,
): Comparison {
  if (!isFilled(actual)) return no;
  if (typeof actual !== 'string') return problem(`"${operator}" needs a text, got ${kindOf(actual)}`);
  const text = String(expected ?? '');
  return verdict(operator === 'start with' ? actual.startsWith(text) : actual.endsWith(text));
}

function compareMembership(
  operator: ComparisonOperator,
  actual: unknown,
  expected: ConditionValue | undefined,
): Comparison {
  if (!Array.isArray(expected)) return problem(`"${operator}" needs a list of values`);
  if (operator === 'all of') {
    if (!isFilled(actual)) return no;
    if (typeof actual === 'string') return verdict(expected.every((item) => actual.includes(String(item))));
    if (!Array.isArray(actual)) return problem(`"all of" needs a text or a list, got ${kindOf(actual)}`);
    return verdict(expected.every((item) => actual.some((element) => sameValue(element, item))));
  }
  const negate = operator === 'not in';
  if (!isFilled(actual)) return verdict(negate);
  return verdict(expected.some((item) => sameValue(actual, item)) !== negate);
}

/** Whether a variable's value passes one of Dify's comparisons, or why it cannot be compared. */
export function compare(
  operator: ComparisonOperator,
  actual: unknown,
  expected?: ConditionValue,
): Comparison {
  switch (operator) {
    case 'contains':
    case 'not contains':
      return compareContains(operator, actual, expected);
    case 'start with':
    case 'end with':
      return compareEnds(operator, actual, expected);
    case 'is':
    case 'is not':
      return compareText(operator, actual, expected);
    case 'empty':
      return verdict(!isFilled(actual));
    case 'not empty':
      return verdict(isFilled(actual));
    case 'in':
    case 'not in':
    case 'all of':
      return compareMembership(operator, actual, expected);
    case '=':
      return compareNumbers(operator, actual, expected, (a, b) => a === b);
    case '≠':
      return compareNumbers(operator, actual, expected, (a, b) => a !== b);
    case '>':
      return compareNumbers(operator, actual, expected, (a, b) => a > b);
    case '<':
      return compareNumbers(operator, actual, expected, (a, b) => a < b);
    case '≥':
      return compareNumbers(operator, actual, expected, (a, b) => a >= b);
    case '≤':
      return compareNumbers(operator, actual, expected, (a, b) => a <= b);
    case 'null':
    case 'not exists':
      return verdict(actual === null || actual === undefined);
    case 'not null':
    case 'exists':
      return verdict(actual !== null && actual !== undefined);
    default: {
      const exhaustive: never = operator;
      return problem(`unknown operator ${String(exhaustive)}`);
    }
  }
}
