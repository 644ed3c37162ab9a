import { globRule } from './common-rules.js';
import type { FilterRule } from './filter-rule.js';
import { listText, listValue } from './filter-rule.js';
import { readString } from './payload.js';

const refTypeRule: FilterRule = {
  parameter: {
    name: 'ref_type',
    label: 'Kind',
    type: 'select',
    description: 'Only branches or only tags; empty takes both.',
    options: [
      { value: 'branch', label: 'branch' },
      { value: 'tag', label: 'tag' },
    ],
  },
  check: (payload, value) => {
    const wanted = listValue(value);
    const found = readString(payload, 'ref_type');
    return found !== undefined && wanted.includes(found)
      ? undefined
      : `ref type "${found ?? 'unknown'}" is not one of: ${listText(wanted)}`;
  },
};

/** `create` and `delete`: whether a branch or a tag, and which. Their `ref` is the short name. */
export const refEventRules: readonly FilterRule[] = [
  refTypeRule,
  globRule({
    name: 'refs',
    label: 'Names',
    description: 'Branch or tag name globs such as `release/*` or `v*`; empty takes all.',
    placeholder: 'release/*',
    subject: 'ref',
    read: (payload) => readString(payload, 'ref'),
  }),
];
