import type { ParameterValues } from '@tripline/sdk';
import { type FilterRule, isEmptyValue, listText, listValue } from './filter-rule.js';
import { matchesGlobList } from './glob.js';
import { type Payload, readPath, readString } from './payload.js';

type RefKind = 'branch' | 'tag';

const PREFIXES: Readonly<Record<RefKind, string>> = { branch: 'refs/heads/', tag: 'refs/tags/' };
const PARAMETER: Readonly<Record<RefKind, 'branches' | 'tags'>> = { branch: 'branches', tag: 'tags' };

/**
 * Branch and tag globs work as in GitHub Actions: with only `branches` set, tag pushes don't
 * match (and the other way round); with both, either may. A pattern starting with `refs/` is
 * matched against the full ref, any other against the short name.
 */
function refRule(kind: RefKind): FilterRule {
  const plural = PARAMETER[kind];
  return {
    parameter: {
      name: plural,
      label: kind === 'branch' ? 'Branches' : 'Tags',
      type: 'string-list',
      description:
        kind === 'branch'
          ? 'Branch globs such as `main`, `release/*` or `!release/old`; empty takes every branch (and, when Tags is set too, leaves tags to it).'
          : 'Tag globs such as `v*` or `v[0-9]*`; empty takes every tag (and, when Branches is set too, leaves branches to it).',
      placeholder: kind === 'branch' ? 'main, release/*' : 'v*',
    },
    check: (payload, value, parameters) => checkRef(payload, kind, listValue(value), parameters),
  };
}

function checkRef(
  payload: Payload,
  kind: RefKind,
  patterns: readonly string[],
  parameters: ParameterValues,
): string | undefined {
  const ref = readString(payload, 'ref');
  if (ref === undefined) return 'the push has no ref';
  const actual = refKind(ref);
  if (actual === undefined) return `ref "${ref}" is neither a branch nor a tag`;
  if (actual !== kind) {
    const other = PARAMETER[actual];
    // The other kind's rule decides when the user gave patterns for it too.
    if (!isEmptyValue(parameters[other])) return undefined;
    return `"${ref}" is a ${actual}, and this trigger selects only ${PARAMETER[kind]}`;
  }
  const full = patterns.map((pattern) => fullRefPattern(pattern, kind));
  return matchesGlobList(full, ref)
    ? undefined
    : `${kind} "${ref.slice(PREFIXES[kind].length)}" does not match: ${listText(patterns)}`;
}

function fullRefPattern(pattern: string, kind: RefKind): string {
  const excludes = pattern.startsWith('!');
  const glob = excludes ? pattern.slice(1) : pattern;
  return `${excludes ? '!' : ''}${glob.startsWith('refs/') ? '' : PREFIXES[kind]}${glob}`;
}

function refKind(ref: string): RefKind | undefined {
  if (ref.startsWith(PREFIXES.branch)) return 'branch';
  if (ref.startsWith(PREFIXES.tag)) return 'tag';
  return undefined;
}

/** Files the push's commits added, modified or removed, as far as the payload lists them. */
export function changedFiles(payload: Payload): string[] {
  const commits = readPath(payload, 'commits');
  if (!Array.isArray(commits)) return [];
  const files = new Set<string>();
  for (const commit of commits) {
    for (const key of ['added', 'modified', 'removed']) {
      const list = readPath(commit, key);
      if (!Array.isArray(list)) continue;
      for (const file of list) if (typeof file === 'string') files.add(file);
    }
  }
  return [...files];
}

const pathsRule: FilterRule = {
  parameter: {
    name: 'paths',
    label: 'Paths',
    type: 'string-list',
    description:
      'File globs such as `src/**` or `!**/*.md`: the push matches when a changed file does. GitHub lists the files of at most 20 commits per push.',
    placeholder: 'src/**',
  },
  check: (payload, value) => {
    const patterns = listValue(value);
    const files = changedFiles(payload);
    if (files.length === 0) return `the push lists no changed files; wanted: ${listText(patterns)}`;
    return files.some((file) => matchesGlobList(patterns, file))
      ? undefined
      : `no changed file matches: ${listText(patterns)}`;
  },
};

/** `push`: branches, tags and paths. */
export const pushRules: readonly FilterRule[] = [refRule('branch'), refRule('tag'), pathsRule];
