import { describe, expect, it } from 'vitest';
import { outcome, runFilter } from '../filter-test-kit.test-helpers.js';

interface PullRequestShape {
  readonly action?: string;
  readonly labels?: readonly string[];
  readonly base?: string;
  readonly head?: string;
  readonly author?: string;
  readonly draft?: boolean;
  readonly merged?: boolean;
}

function pullRequest(shape: PullRequestShape = {}): Record<string, unknown> {
  return {
    action: shape.action ?? 'opened',
    number: 7,
    pull_request: {
      labels: (shape.labels ?? ['bug']).map((name) => ({ name, color: 'ff0000' })),
      base: { ref: shape.base ?? 'main' },
      head: { ref: shape.head ?? 'feature/login' },
      user: { login: shape.author ?? 'octocat' },
      draft: shape.draft ?? false,
      merged: shape.merged ?? false,
    },
  };
}

describe('pull_request filter', () => {
  it.each([
    [{}, {}, 'matched'],
    [{ action: 'opened' }, { actions: ['opened', 'reopened'] }, 'matched'],
    [{ action: 'closed' }, { actions: ['opened'] }, 'action "closed" is not one of: opened'],
    [
      { action: 'closed' },
      { actions: ['opened', 'synchronize'] },
      'action "closed" is not one of: opened, synchronize',
    ],
    [{ labels: ['bug', 'ui'] }, { labels: ['urgent', 'UI'] }, 'matched'],
    [
      { labels: ['docs'] },
      { labels: ['bug', 'urgent'] },
      'pull request has none of the labels: bug, urgent (it has: docs)',
    ],
    [{ labels: [] }, { labels: ['bug'] }, 'pull request has none of the labels: bug (it has no labels)'],
    [{ base: 'main' }, { base_branches: ['main'] }, 'matched'],
    [{ base: 'release/2' }, { base_branches: ['release/*'] }, 'matched'],
    [
      { base: 'dev' },
      { base_branches: ['main', 'release/*'] },
      'base branch "dev" does not match: main, release/*',
    ],
    [
      { head: 'dependabot/npm/x' },
      { head_branches: ['!dependabot/**'] },
      'head branch "dependabot/npm/x" does not match: !dependabot/**',
    ],
    [{ head: 'feature/x' }, { head_branches: ['!dependabot/**'] }, 'matched'],
    [{ author: 'OctoCat' }, { authors: ['octocat'] }, 'matched'],
    [
      { author: 'mallory' },
      { authors: ['octocat', 'hubot'] },
      'author "mallory" is not one of: octocat, hubot',
    ],
    [{ draft: true }, { draft: 'ready' }, 'pull request is a draft'],
    [{ draft: false }, { draft: 'ready' }, 'matched'],
    [{ draft: false }, { draft: 'draft' }, 'pull request is not a draft'],
    [{ draft: true }, { draft: 'draft' }, 'matched'],
    [{ action: 'closed', merged: true }, { actions: ['closed'], merged: 'merged' }, 'matched'],
    [
      { action: 'closed', merged: false },
      { actions: ['closed'], merged: 'merged' },
      'pull request is not merged',
    ],
    [{ action: 'closed', merged: true }, { merged: 'unmerged' }, 'pull request was merged'],
    [{ draft: true }, { draft: 'maybe' }, 'draft must be "draft" or "ready", not "maybe"'],
  ] as const)('on %j with %j gives %s', (shape, parameters, expected) => {
    expect(outcome(runFilter('pull_request', pullRequest(shape), parameters))).toBe(expected);
  });

  it('reports the first unmet filter in parameter order', () => {
    const result = runFilter('pull_request', pullRequest({ action: 'closed', base: 'dev' }), {
      actions: ['opened'],
      base_branches: ['main'],
    });
    expect(outcome(result)).toBe('action "closed" is not one of: opened');
  });
});

describe('pull_request_review filter', () => {
  const review = (state: string) => ({ ...pullRequest(), action: 'submitted', review: { state } });

  it.each([
    ['approved', { states: ['approved'] }, 'matched'],
    [
      'commented',
      { states: ['approved', 'changes_requested'] },
      'review state "commented" is not one of: approved, changes_requested',
    ],
    ['approved', { base_branches: ['release/*'] }, 'base branch "main" does not match: release/*'],
  ] as const)('on a %s review with %j gives %s', (state, parameters, expected) => {
    expect(outcome(runFilter('pull_request_review', review(state), parameters))).toBe(expected);
  });
});
