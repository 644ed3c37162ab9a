import { globRule, valueInRule } from './common-rules.js';
import type { FilterRule } from './filter-rule.js';
import { type Payload, readString } from './payload.js';

/** What GitHub reports a finished run, job or check ended as. */
const CONCLUSIONS = [
  'success',
  'failure',
  'neutral',
  'cancelled',
  'skipped',
  'timed_out',
  'action_required',
  'stale',
  'startup_failure',
] as const;

function conclusions(subject: string, read: (payload: Payload) => string | undefined): FilterRule {
  return valueInRule({
    name: 'conclusions',
    label: 'Conclusions',
    description: `Only ${subject}s that ended so; a ${subject} that has not finished has no conclusion and does not match. Empty takes all.`,
    values: CONCLUSIONS,
    subject: `${subject} conclusion`,
    read,
  });
}

/** `workflow_run`: workflow names, branches and conclusions. */
export const workflowRunRules: readonly FilterRule[] = [
  globRule({
    name: 'workflows',
    label: 'Workflows',
    description: 'Names (or globs) of the workflows whose runs count, such as `CI`; empty takes all.',
    placeholder: 'CI',
    subject: 'workflow',
    read: (payload) => readString(payload, 'workflow_run', 'name'),
  }),
  globRule({
    name: 'branches',
    label: 'Branches',
    description: 'Globs for the branch the run was for, such as `main`; empty takes all.',
    placeholder: 'main',
    subject: 'branch',
    read: (payload) => readString(payload, 'workflow_run', 'head_branch'),
  }),
  conclusions('workflow run', (payload) => readString(payload, 'workflow_run', 'conclusion')),
];

/** `workflow_job`: workflow and job names, and conclusions. */
export const workflowJobRules: readonly FilterRule[] = [
  globRule({
    name: 'workflows',
    label: 'Workflows',
    description: 'Names (or globs) of the workflows whose jobs count; empty takes all.',
    placeholder: 'CI',
    subject: 'workflow',
    read: (payload) => readString(payload, 'workflow_job', 'workflow_name'),
  }),
  globRule({
    name: 'jobs',
    label: 'Jobs',
    description: 'Names (or globs) of the jobs that count, such as `build` or `test*`; empty takes all.',
    placeholder: 'build',
    subject: 'job',
    read: (payload) => readString(payload, 'workflow_job', 'name'),
  }),
  conclusions('job', (payload) => readString(payload, 'workflow_job', 'conclusion')),
];

/** `check_run`: check names and conclusions. */
export const checkRunRules: readonly FilterRule[] = [
  globRule({
    name: 'checks',
    label: 'Checks',
    description: 'Names (or globs) of the checks that count; empty takes all.',
    placeholder: 'build',
    subject: 'check',
    read: (payload) => readString(payload, 'check_run', 'name'),
  }),
  conclusions('check run', (payload) => readString(payload, 'check_run', 'conclusion')),
];
