import { describe, expect, it } from 'vitest';
import { outcome, runFilter } from '../filter-test-kit.test-helpers.js';

function issue(
  shape: { action?: string; labels?: readonly string[]; author?: string; assignees?: readonly string[] } = {},
) {
  return {
    action: shape.action ?? 'opened',
    issue: {
      number: 3,
      labels: (shape.labels ?? ['bug']).map((name) => ({ name })),
      user: { login: shape.author ?? 'octocat' },
      assignees: (shape.assignees ?? []).map((login) => ({ login })),
    },
  };
}

describe('issues filter', () => {
  it.each([
    [{}, {}, 'matched'],
    [{ action: 'labeled' }, { actions: ['opened', 'labeled'] }, 'matched'],
    [{ action: 'closed' }, { actions: ['opened'] }, 'action "closed" is not one of: opened'],
    [{ labels: ['bug'] }, { labels: ['Bug'] }, 'matched'],
    [{ labels: ['question'] }, { labels: ['bug'] }, 'issue has none of the labels: bug (it has: question)'],
    [{ author: 'hubot' }, { authors: 'octocat, hubot' }, 'matched'],
    [{ author: 'mallory' }, { authors: ['octocat'] }, 'author "mallory" is not one of: octocat'],
    [{ assignees: ['a', 'b'] }, { assignees: ['b'] }, 'matched'],
    [{ assignees: [] }, { assignees: ['b'] }, 'issue has none of the assignees: b (it has no assignees)'],
  ] as const)('on %j with %j gives %s', (shape, parameters, expected) => {
    expect(outcome(runFilter('issues', issue(shape), parameters))).toBe(expected);
  });
});

describe('issue_comment filter', () => {
  function comment(body: string, onPullRequest: boolean, author = 'octocat') {
    return {
      action: 'created',
      issue: { labels: [{ name: 'bug' }], ...(onPullRequest ? { pull_request: { url: 'https://x' } } : {}) },
      comment: { body, user: { login: author } },
    };
  }

  it.each([
    [comment('LGTM', false), {}, 'matched'],
    [comment('/deploy staging', true), { contains: ['/DEPLOY'] }, 'matched'],
    [
      comment('looks good', true),
      { contains: ['/deploy', '/rollback'] },
      'comment contains none of: /deploy, /rollback',
    ],
    [comment('x', true), { on: 'pull_requests' }, 'matched'],
    [comment('x', false), { on: 'pull_requests' }, 'comment is on an issue, not a pull request'],
    [comment('x', true), { on: 'issues' }, 'comment is on a pull request'],
    [comment('x', false, 'bot'), { authors: ['octocat'] }, 'comment author "bot" is not one of: octocat'],
    [comment('x', false), { labels: ['feature'] }, 'issue has none of the labels: feature (it has: bug)'],
  ] as const)('on %j with %j gives %s', (payload, parameters, expected) => {
    expect(outcome(runFilter('issue_comment', payload, parameters))).toBe(expected);
  });
});
