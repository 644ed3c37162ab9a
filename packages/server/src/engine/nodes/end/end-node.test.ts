import { describe, expect, it } from 'vitest';
import { parsed, problems, run, testPool } from '../node-test-kit.test-helpers.js';
import { endNode } from './end-node.js';

describe('endNode', () => {
  it('gathers the final outputs from earlier nodes, null when missing', async () => {
    const pool = testPool({ code_1: { summary: 'PR #7 opened', labels: ['bug'] } });
    const result = await run(
      endNode,
      {
        outputs: [
          { variable: 'summary', value_selector: ['code_1', 'summary'] },
          { variable: 'first_label', value_selector: ['code_1', 'labels', '0'] },
          { variable: 'missing', value_selector: ['code_1', 'nope'] },
        ],
      },
      { pool },
    );
    expect(result).toEqual({
      status: 'succeeded',
      inputs: { summary: 'PR #7 opened', first_label: 'bug', missing: null },
      outputs: { summary: 'PR #7 opened', first_label: 'bug', missing: null },
    });
  });

  it('names its outputs and the selectors it reads', () => {
    const data = parsed(endNode, { outputs: [{ variable: 'a', value_selector: ['n1', 'x'] }] });
    expect(endNode.outputNames(data)).toEqual(['a']);
    expect(endNode.references(data)).toEqual([['n1', 'x']]);
  });

  it('refuses bad mappings with their paths', () => {
    expect(
      problems(endNode, {
        outputs: [
          { variable: '1bad', value_selector: ['n1', 'x'] },
          { variable: 'ok', value_selector: ['n1'] },
          { variable: 'ok', value_selector: ['n1', 'y'] },
          { variable: 'ok', value_selector: ['n1', 'z'] },
        ],
      }),
    ).toEqual([
      'nodes[0]: outputs[0].variable must start with a letter or underscore and hold only letters, digits and underscores (got "1bad")',
      'nodes[0]: outputs[1].value_selector must be a variable selector: a list like ["node_id", "variable"] of at least two names',
      'nodes[0]: outputs[3].variable "ok" is declared twice',
    ]);
  });

  it('keeps fields it does not know for the export', () => {
    expect(parsed(endNode, { outputs: [], desc: 'Finish', selected: true })).toMatchObject({
      desc: 'Finish',
      selected: true,
    });
  });
});
