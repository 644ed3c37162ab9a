import { describe, expect, it } from 'vitest';
import { parsed, problems, run, testPool } from '../node-test-kit.test-helpers.js';
import { variableAggregatorNode } from './variable-aggregator-node.js';

// Two triggers feed one branch: only the one that started the run has outputs.
const pool = testPool({
  github_trigger: { title: 'Fix login', number: null },
  code_1: { summary: '' },
});

describe('variableAggregatorNode', () => {
  it('outputs the first variable that holds a value', async () => {
    const result = await run(
      variableAggregatorNode,
      {
        output_type: 'string',
        variables: [
          ['gitlab_trigger', 'title'],
          ['github_trigger', 'number'],
          ['github_trigger', 'title'],
          ['code_1', 'summary'],
        ],
      },
      { pool },
    );
    expect(result).toEqual({ status: 'succeeded', inputs: {}, outputs: { output: 'Fix login' } });
  });

  it('keeps an empty text as a value', async () => {
    const result = await run(
      variableAggregatorNode,
      {
        variables: [
          ['code_1', 'summary'],
          ['github_trigger', 'title'],
        ],
      },
      { pool },
    );
    expect(result).toMatchObject({ outputs: { output: '' } });
  });

  it('outputs null when no variable holds a value', async () => {
    const result = await run(variableAggregatorNode, { variables: [['gitlab_trigger', 'title']] }, { pool });
    expect(result).toMatchObject({ outputs: { output: null } });
  });

  it('outputs each group under its name', async () => {
    const data = {
      output_type: 'string',
      variables: [],
      advanced_settings: {
        group_enabled: true,
        groups: [
          {
            group_name: 'title',
            output_type: 'string',
            variables: [
              ['gitlab_trigger', 'title'],
              ['github_trigger', 'title'],
            ],
            groupId: 'g1',
          },
          {
            group_name: 'number',
            output_type: 'number',
            variables: [['github_trigger', 'number']],
            groupId: 'g2',
          },
        ],
      },
    };
    expect(await run(variableAggregatorNode, data, { pool })).toEqual({
      status: 'succeeded',
      inputs: {},
      outputs: { title: { output: 'Fix login' }, number: { output: null } },
    });
    const parsedData = parsed(variableAggregatorNode, data);
    expect(variableAggregatorNode.outputNames(parsedData)).toEqual(['title', 'number']);
    expect(variableAggregatorNode.references(parsedData)).toEqual([
      ['gitlab_trigger', 'title'],
      ['github_trigger', 'title'],
      ['github_trigger', 'number'],
    ]);
  });

  it('ignores groups while they are switched off', () => {
    const data = parsed(variableAggregatorNode, {
      variables: [['a', 'x']],
      advanced_settings: { group_enabled: false, groups: [{ group_name: 'g', variables: [['b', 'y']] }] },
    });
    expect(variableAggregatorNode.outputNames(data)).toEqual(['output']);
    expect(variableAggregatorNode.references(data)).toEqual([['a', 'x']]);
  });

  it('refuses bad selectors and groups with their paths', () => {
    expect(
      problems(variableAggregatorNode, {
        variables: [['only_node']],
        advanced_settings: {
          group_enabled: true,
          groups: [
            { group_name: 'g', variables: [] },
            { group_name: 'g', variables: [['a', 'b']] },
            { group_name: 'bad name', variables: [] },
          ],
        },
      }),
    ).toEqual([
      'nodes[0]: variables[0] must be a variable selector: a list like ["node_id", "variable"] of at least two names',
      'nodes[0]: advanced_settings.groups[1].group_name "g" is used by another group',
      'nodes[0]: advanced_settings.groups[2].group_name must start with a letter or underscore and hold only letters, digits and underscores (got "bad name")',
    ]);
  });
});
