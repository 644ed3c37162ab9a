import { anyOfRule, eitherRule, globRule, oneOfRule, valueInRule } from './common-rules.js';
import type { FilterRule } from './filter-rule.js';
import { namesOf, readPath, readString } from './payload.js';

const labels = anyOfRule({
  name: 'labels',
  label: 'Labels',
  description: 'The pull request must carry at least one of these labels; empty takes any.',
  placeholder: 'bug, needs-review',
  holder: 'pull request',
  noun: 'labels',
  read: (payload) => namesOf(readPath(payload, 'pull_request', 'labels'), 'name'),
});

const baseBranches = globRule({
  name: 'base_branches',
  label: 'Base branches',
  description:
    'Globs for the branch the pull request merges into, such as `main` or `release/*`; empty takes any.',
  placeholder: 'main',
  subject: 'base branch',
  read: (payload) => readString(payload, 'pull_request', 'base', 'ref'),
});

const headBranches = globRule({
  name: 'head_branches',
  label: 'Head branches',
  description:
    'Globs for the branch the changes come from, such as `feature/*` or `!dependabot/**`; empty takes any.',
  placeholder: 'feature/*',
  subject: 'head branch',
  read: (payload) => readString(payload, 'pull_request', 'head', 'ref'),
});

const authors = oneOfRule({
  name: 'authors',
  label: 'Authors',
  description: 'Logins of the people whose pull requests count; empty takes everyone.',
  placeholder: 'octocat',
  subject: 'author',
  read: (payload) => readString(payload, 'pull_request', 'user', 'login'),
});

const draft = eitherRule({
  name: 'draft',
  label: 'Draft',
  description: 'Only draft pull requests, or only those ready for review; empty takes both.',
  yes: { value: 'draft', label: 'Drafts only', reason: 'pull request is a draft' },
  no: { value: 'ready', label: 'Ready for review only', reason: 'pull request is not a draft' },
  read: (payload) => readPath(payload, 'pull_request', 'draft') === true,
});

const merged = eitherRule({
  name: 'merged',
  label: 'Merged',
  description:
    'Only merged pull requests, or only unmerged ones; with the `closed` action this tells merges from rejections.',
  yes: { value: 'merged', label: 'Merged only', reason: 'pull request was merged' },
  no: { value: 'unmerged', label: 'Not merged only', reason: 'pull request is not merged' },
  read: (payload) => readPath(payload, 'pull_request', 'merged') === true,
});

/** `pull_request`: labels, base and head branches, authors, draft and merged state. */
export const pullRequestRules: readonly FilterRule[] = [
  labels,
  baseBranches,
  headBranches,
  authors,
  draft,
  merged,
];

/** Events about a pull request's reviews and comments: filtered by the pull request they concern. */
export const pullRequestContextRules: readonly FilterRule[] = [baseBranches, labels, authors];

const reviewStates = valueInRule({
  name: 'states',
  label: 'Review states',
  description: 'Only reviews in these states; empty takes all.',
  values: ['approved', 'changes_requested', 'commented', 'dismissed'],
  subject: 'review state',
  read: (payload) => readString(payload, 'review', 'state')?.toLowerCase(),
});

/** `pull_request_review`: review states, then the pull request's branch, labels and author. */
export const pullRequestReviewRules: readonly FilterRule[] = [reviewStates, ...pullRequestContextRules];
