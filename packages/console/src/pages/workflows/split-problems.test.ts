import { describe, expect, it } from 'vitest';
import { splitProblems } from './split-problems.js';

describe('splitProblems', () => {
  it('splits the listed problems of an invalid_workflow message', () => {
    expect(
      splitProblems(
        'cannot import the document: 2 problems: edges[0] id "e": target "x" is not a node of this workflow; app.mode must be "workflow"',
      ),
    ).toEqual({
      summary: 'cannot import the document: 2 problems',
      problems: ['edges[0] id "e": target "x" is not a node of this workflow', 'app.mode must be "workflow"'],
      more: '',
    });
  });

  it('keeps a problem whose own text holds "; " whole', () => {
    const split = splitProblems(
      'cannot publish the workflow: 2 problems: nodes[0] id "t" (trigger-plugin): choose a subscription; subscription_id is empty; nodes[1] id "end" (end) is not reachable from any start or trigger node',
    );
    expect(split?.problems).toEqual([
      'nodes[0] id "t" (trigger-plugin): choose a subscription; subscription_id is empty',
      'nodes[1] id "end" (end) is not reachable from any start or trigger node',
    ]);
  });

  it('leaves the text whole when the pieces do not add up to the count given', () => {
    const split = splitProblems('cannot import the document: 2 problems: first; second; third');
    expect(split?.problems).toEqual(['first; second; third']);
  });

  it('keeps the "and N more" of a capped list apart', () => {
    const split = splitProblems(
      'cannot import the document: 22 problems: nodes[0] a; nodes[1] b; and 2 more',
    );
    expect(split).toMatchObject({ problems: ['nodes[0] a', 'nodes[1] b'], more: 'and 2 more' });
  });

  it('answers undefined for other messages', () => {
    expect(splitProblems('workflow "w1" was not found')).toBeUndefined();
  });
});
