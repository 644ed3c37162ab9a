import { describe, expect, it } from 'vitest';
import { compare } from './compare.js';
import { COMPARISON_OPERATORS, type ComparisonOperator, type ConditionValue } from './if-else-data.js';

type Row = readonly [ComparisonOperator, unknown, ConditionValue | undefined, boolean];

const rows: readonly Row[] = [
  ['contains', 'fix: login bug', 'bug', true],
  ['contains', 'fix: login bug', 'feat', false],
  ['contains', ['bug', 'ui'], 'ui', true],
  ['contains', [1, 2, 3], '2', true],
  ['contains', '', 'x', false],
  ['contains', null, 'x', false],
  ['not contains', 'fix: login bug', 'feat', true],
  ['not contains', ['bug'], 'bug', false],
  ['not contains', null, 'x', true],
  ['start with', 'release/1.2', 'release/', true],
  ['start with', 'main', 'release/', false],
  ['start with', '', 'x', false],
  ['end with', 'report.pdf', '.pdf', true],
  ['end with', 'report.csv', '.pdf', false],
  ['is', 'opened', 'opened', true],
  ['is', 'closed', 'opened', false],
  ['is', true, 'true', true],
  ['is', false, 'true', false],
  ['is', null, 'opened', false],
  ['is not', 'closed', 'opened', true],
  ['is not', 'opened', 'opened', false],
  ['is not', false, 'true', true],
  ['is not', null, 'opened', false],
  ['empty', '', undefined, true],
  ['empty', [], undefined, true],
  ['empty', {}, undefined, true],
  ['empty', 0, undefined, true],
  ['empty', null, undefined, true],
  ['empty', undefined, undefined, true],
  ['empty', 'x', undefined, false],
  ['empty', [0], undefined, false],
  ['not empty', { a: 1 }, undefined, true],
  ['not empty', '', undefined, false],
  ['in', 'opened', ['opened', 'reopened'], true],
  ['in', 'closed', ['opened', 'reopened'], false],
  ['in', 3, ['1', '3'], true],
  ['in', '', [''], false],
  ['not in', 'closed', ['opened'], true],
  ['not in', 'opened', ['opened'], false],
  ['not in', null, ['opened'], true],
  ['all of', ['bug', 'ui', 'p1'], ['bug', 'p1'], true],
  ['all of', ['bug'], ['bug', 'p1'], false],
  ['all of', 'bug ui p1', ['bug', 'p1'], true],
  ['all of', [], ['bug'], false],
  ['=', 3, '3', true],
  ['=', 3.5, 3.5, true],
  ['=', 3, '4', false],
  ['=', true, 'true', true],
  ['=', null, '3', false],
  ['≠', 3, '4', true],
  ['≠', 3, '3', false],
  ['≠', null, '3', false],
  ['>', 10, '9', true],
  ['>', 9, '9', false],
  ['>', null, '9', false],
  ['<', 2, '9.5', true],
  ['<', 10, '9.5', false],
  ['≥', 9, '9', true],
  ['≥', 8, '9', false],
  ['≤', 9, '9', true],
  ['≤', 10, '9', false],
  ['null', null, undefined, true],
  ['null', undefined, undefined, true],
  ['null', '', undefined, false],
  ['not null', 0, undefined, true],
  ['not null', null, undefined, false],
  ['exists', { name: 'a.txt' }, undefined, true],
  ['exists', undefined, undefined, false],
  ['not exists', undefined, undefined, true],
  ['not exists', 'x', undefined, false],
];

describe('compare', () => {
  it.each(rows)('%s with %j and %j gives %s', (operator, actual, expected, result) => {
    expect(compare(operator, actual, expected)).toEqual({ ok: true, result });
  });

  it('covers every Dify operator', () => {
    expect(new Set(rows.map(([operator]) => operator))).toEqual(new Set(COMPARISON_OPERATORS));
  });

  it.each([
    ['contains', 42, 'x', '"contains" needs a text or a list, got a number'],
    ['start with', ['a'], 'a', '"start with" needs a text, got a list'],
    ['is', 3, '3', '"is" needs a text or true/false, got a number; use = for numbers'],
    ['is', true, 'yes', 'expected value "yes" is not true or false'],
    ['=', '3', '3', '"=" needs a number, got a string'],
    ['>', 3, 'three', 'expected value "three" is not a number'],
    ['>', { n: 1 }, '1', '">" needs a number, got an object'],
    ['in', 'a', 'a', '"in" needs a list of values'],
    ['all of', 5, ['5'], '"all of" needs a text or a list, got a number'],
  ] as const)('refuses %s on %j with %j', (operator, actual, expected, error) => {
    expect(compare(operator, actual, expected)).toEqual({ ok: false, error });
  });
});
