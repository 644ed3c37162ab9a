import { anyOfRule, oneOfRule } from './common-rules.js';
import type { FilterRule } from './filter-rule.js';
import { namesOf, readPath, readString } from './payload.js';

export const issueLabels = anyOfRule({
  name: 'labels',
  label: 'Labels',
  description: 'The issue must carry at least one of these labels; empty takes any.',
  placeholder: 'bug',
  holder: 'issue',
  noun: 'labels',
  read: (payload) => namesOf(readPath(payload, 'issue', 'labels'), 'name'),
});

/** `issues`: labels, authors and assignees. */
export const issuesRules: readonly FilterRule[] = [
  issueLabels,
  oneOfRule({
    name: 'authors',
    label: 'Authors',
    description: 'Logins of the people whose issues count; empty takes everyone.',
    placeholder: 'octocat',
    subject: 'author',
    read: (payload) => readString(payload, 'issue', 'user', 'login'),
  }),
  anyOfRule({
    name: 'assignees',
    label: 'Assignees',
    description: 'The issue must be assigned to at least one of these logins; empty takes any.',
    placeholder: 'octocat',
    holder: 'issue',
    noun: 'assignees',
    read: (payload) => namesOf(readPath(payload, 'issue', 'assignees'), 'login'),
  }),
];
