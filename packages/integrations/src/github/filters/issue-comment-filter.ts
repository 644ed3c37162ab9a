import { eitherRule, oneOfRule } from './common-rules.js';
import type { FilterRule } from './filter-rule.js';
import { listText, listValue } from './filter-rule.js';
import { issueLabels } from './issues-filter.js';
import { isPayload, readPath, readString } from './payload.js';

const containsRule: FilterRule = {
  parameter: {
    name: 'contains',
    label: 'Comment contains',
    type: 'string-list',
    description:
      'The comment must contain one of these texts, ignoring case (e.g. a command like `/deploy`); empty takes any.',
    placeholder: '/deploy',
  },
  check: (payload, value) => {
    const wanted = listValue(value);
    const body = (readString(payload, 'comment', 'body') ?? '').toLowerCase();
    return wanted.some((text) => body.includes(text.toLowerCase()))
      ? undefined
      : `comment contains none of: ${listText(wanted)}`;
  },
};

/** `issue_comment`: where the comment is, who wrote it, what it says and the issue's labels. */
export const issueCommentRules: readonly FilterRule[] = [
  eitherRule({
    name: 'on',
    label: 'Comments on',
    description: 'GitHub sends comments on issues and on pull requests alike; pick one to take only those.',
    yes: { value: 'pull_requests', label: 'Pull requests only', reason: 'comment is on a pull request' },
    no: { value: 'issues', label: 'Issues only', reason: 'comment is on an issue, not a pull request' },
    read: (payload) => isPayload(readPath(payload, 'issue', 'pull_request')),
  }),
  oneOfRule({
    name: 'authors',
    label: 'Comment authors',
    description: 'Logins of the people whose comments count; empty takes everyone.',
    placeholder: 'octocat',
    subject: 'comment author',
    read: (payload) => readString(payload, 'comment', 'user', 'login'),
  }),
  containsRule,
  issueLabels,
];
