import { describe, expect, it } from 'vitest';
import { parsed, problems, run, testPool } from '../node-test-kit.test-helpers.js';
import { ifElseNode } from './if-else-node.js';

const pool = testPool({
  trigger: {
    action: 'opened',
    pull_request: { title: 'fix: cache', additions: 420, labels: ['bug', 'p1'], draft: false },
  },
  start: { threshold: 100 },
});

const triage = {
  cases: [
    {
      case_id: 'big-fix',
      logical_operator: 'and',
      conditions: [
        {
          id: 'c1',
          varType: 'string',
          variable_selector: ['trigger', 'pull_request', 'title'],
          comparison_operator: 'start with',
          value: 'fix',
        },
        {
          id: 'c2',
          variable_selector: ['trigger', 'pull_request', 'additions'],
          comparison_operator: '>',
          value: '{{#start.threshold#}}',
        },
      ],
    },
    {
      case_id: 'labelled',
      logical_operator: 'or',
      conditions: [
        {
          variable_selector: ['trigger', 'pull_request', 'labels'],
          comparison_operator: 'contains',
          value: 'docs',
        },
        {
          variable_selector: ['trigger', 'pull_request', 'labels'],
          comparison_operator: 'all of',
          value: ['bug', 'p1'],
        },
      ],
    },
  ],
};

describe('ifElseNode', () => {
  it('takes the first case whose conditions all hold, rendering references in values', async () => {
    const result = await run(ifElseNode, triage, { pool });
    expect(result).toMatchObject({
      status: 'succeeded',
      branch: 'big-fix',
      outputs: { result: true, selected_case_id: 'big-fix' },
      inputs: {
        conditions: [
          {
            case_id: 'big-fix',
            comparison_operator: 'start with',
            actual_value: 'fix: cache',
            expected_value: 'fix',
            result: true,
          },
          {
            case_id: 'big-fix',
            comparison_operator: '>',
            actual_value: 420,
            expected_value: '100',
            result: true,
          },
        ],
      },
    });
  });

  it('moves to the next case and stops an or at its first match', async () => {
    const smaller = testPool({
      trigger: { pull_request: { title: 'fix: x', additions: 3, labels: ['docs', 'p1'] } },
      start: { threshold: 100 },
    });
    const result = await run(ifElseNode, triage, { pool: smaller });
    expect(result).toMatchObject({ branch: 'labelled', outputs: { selected_case_id: 'labelled' } });
    if (result.status === 'succeeded') expect(result.inputs.conditions).toHaveLength(3);
  });

  it('takes the false branch when no case matches', async () => {
    const other = testPool({
      trigger: { pull_request: { title: 'feat: y', additions: 1, labels: [] } },
      start: { threshold: 100 },
    });
    expect(await run(ifElseNode, triage, { pool: other })).toMatchObject({
      status: 'succeeded',
      branch: 'false',
      outputs: { result: false, selected_case_id: 'false' },
    });
  });

  it('reads the form from before cases as one case named true', async () => {
    const legacy = {
      logical_operator: 'or',
      conditions: [{ variable_selector: ['trigger', 'action'], comparison_operator: 'is', value: 'opened' }],
    };
    expect(parsed(ifElseNode, legacy).cases).toEqual([
      {
        case_id: 'true',
        logical_operator: 'or',
        conditions: [
          { variable_selector: ['trigger', 'action'], comparison_operator: 'is', value: 'opened' },
        ],
      },
    ]);
    expect(await run(ifElseNode, legacy, { pool })).toMatchObject({ branch: 'true' });
  });

  it('fails naming the condition whose value cannot be compared', async () => {
    const data = {
      cases: [
        {
          case_id: 'c',
          logical_operator: 'and',
          conditions: [
            { variable_selector: ['trigger', 'pull_request', 'title'], comparison_operator: '>', value: '3' },
          ],
        },
      ],
    };
    expect(await run(ifElseNode, data, { pool })).toMatchObject({
      status: 'failed',
      error:
        'cases[0] (c) conditions[0] {{#trigger.pull_request.title#}} >: ">" needs a number, got a string',
    });
  });

  it('lists the selectors it reads, including references inside values', () => {
    expect(ifElseNode.references(parsed(ifElseNode, triage))).toEqual([
      ['trigger', 'pull_request', 'title'],
      ['trigger', 'pull_request', 'additions'],
      ['start', 'threshold'],
      ['trigger', 'pull_request', 'labels'],
      ['trigger', 'pull_request', 'labels'],
    ]);
  });

  it('keeps condition fields it does not read', () => {
    expect(parsed(ifElseNode, triage).cases[0]?.conditions[0]).toMatchObject({ id: 'c1', varType: 'string' });
  });

  it('refuses bad cases with their paths and allowed values', () => {
    expect(
      problems(ifElseNode, {
        cases: [
          { case_id: 'false', conditions: [] },
          {
            case_id: 'a',
            logical_operator: 'xor',
            conditions: [{ variable_selector: ['n', 'v'], comparison_operator: 'matches', value: 'x' }],
          },
          {
            case_id: 'b',
            conditions: [{ variable_selector: ['n', 'v'], comparison_operator: 'in', value: 'x' }],
          },
          {
            case_id: 'b',
            conditions: [{ variable_selector: ['n', 'v'], comparison_operator: 'is', value: { a: 1 } }],
          },
        ],
      }),
    ).toEqual([
      'nodes[0]: cases[0].case_id must not be "false", the branch taken when no case matches',
      'nodes[0]: cases[1].logical_operator must be one of and, or (got "xor")',
      'nodes[0]: cases[1].conditions[0].comparison_operator must be one of contains, not contains, start with, end with, is, is not, empty, not empty, in, not in, all of, =, ≠, >, <, ≥, ≤, null, not null, exists, not exists (got "matches")',
      'nodes[0]: cases[2].conditions[0].value must be a list of values for "in"',
      'nodes[0]: cases[3].conditions[0].value must be a text, number or true/false for "is"',
      'nodes[0]: cases[3].case_id "b" is used by another case',
    ]);
    expect(problems(ifElseNode, { cases: [] })).toEqual(['nodes[0]: cases must hold at least one case']);
  });
});
