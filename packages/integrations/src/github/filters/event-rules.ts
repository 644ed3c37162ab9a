import type { GitHubEventName } from '../event-names.js';
import type { FilterRule } from './filter-rule.js';
import { issueCommentRules } from './issue-comment-filter.js';
import { issuesRules } from './issues-filter.js';
import { pullRequestContextRules, pullRequestReviewRules, pullRequestRules } from './pull-request-filter.js';
import { pushRules } from './push-filter.js';
import { refEventRules } from './ref-event-filter.js';
import { releaseRules } from './release-filter.js';
import { checkRunRules, workflowJobRules, workflowRunRules } from './workflow-filter.js';

/** The filters beyond `actions` that an event offers; events not listed filter on actions only. */
export const EVENT_RULES: Partial<Readonly<Record<GitHubEventName, readonly FilterRule[]>>> = {
  push: pushRules,
  create: refEventRules,
  delete: refEventRules,
  pull_request: pullRequestRules,
  pull_request_review: pullRequestReviewRules,
  pull_request_review_comment: pullRequestContextRules,
  pull_request_review_thread: pullRequestContextRules,
  issues: issuesRules,
  issue_comment: issueCommentRules,
  release: releaseRules,
  workflow_run: workflowRunRules,
  workflow_job: workflowJobRules,
  check_run: checkRunRules,
};
