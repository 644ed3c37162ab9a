import { eitherRule, globRule } from './common-rules.js';
import type { FilterRule } from './filter-rule.js';
import { readPath, readString } from './payload.js';

/** `release`: tag globs and pre-release or not. */
export const releaseRules: readonly FilterRule[] = [
  globRule({
    name: 'tags',
    label: 'Tags',
    description: 'Globs for the release tag such as `v*` or `!v*-rc*`; empty takes all.',
    placeholder: 'v*',
    subject: 'release tag',
    read: (payload) => readString(payload, 'release', 'tag_name'),
  }),
  eitherRule({
    name: 'prerelease',
    label: 'Pre-release',
    description: 'Only pre-releases, or only full releases; empty takes both.',
    yes: { value: 'prerelease', label: 'Pre-releases only', reason: 'release is a pre-release' },
    no: { value: 'stable', label: 'Full releases only', reason: 'release is not a pre-release' },
    read: (payload) => readPath(payload, 'release', 'prerelease') === true,
  }),
];
