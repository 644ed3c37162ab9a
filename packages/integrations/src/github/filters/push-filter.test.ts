import { describe, expect, it } from 'vitest';
import { outcome, runFilter } from '../filter-test-kit.test-helpers.js';

function push(ref: string, files: readonly string[] = ['src/index.ts']): Record<string, unknown> {
  return { ref, commits: [{ id: 'a1', added: [], modified: files, removed: [] }], repository: { name: 'r' } };
}

describe('push filter', () => {
  it.each([
    // [ref, parameters, expected outcome]
    ['refs/heads/main', {}, 'matched'],
    ['refs/tags/v1', {}, 'matched'],
    ['refs/heads/main', { branches: ['main'] }, 'matched'],
    ['refs/heads/dev', { branches: ['main', 'release/*'] }, 'branch "dev" does not match: main, release/*'],
    ['refs/heads/release/1.2', { branches: ['main', 'release/*'] }, 'matched'],
    [
      'refs/heads/release/1.2/fix',
      { branches: ['release/*'] },
      'branch "release/1.2/fix" does not match: release/*',
    ],
    ['refs/heads/release/1.2/fix', { branches: ['release/**'] }, 'matched'],
    [
      'refs/heads/release/old',
      { branches: ['release/*', '!release/old'] },
      'branch "release/old" does not match: release/*, !release/old',
    ],
    ['refs/heads/main', { branches: 'main, release/*' }, 'matched'],
    ['refs/heads/main', { branches: ['refs/heads/main'] }, 'matched'],
    ['refs/heads/main', { branches: ['refs/heads/m*'] }, 'matched'],
    ['refs/heads/main', { branches: ['refs/tags/*'] }, 'branch "main" does not match: refs/tags/*'],
    [
      'refs/tags/v1.0',
      { branches: ['main'] },
      '"refs/tags/v1.0" is a tag, and this trigger selects only branches',
    ],
    ['refs/tags/v1.0', { tags: ['v*'] }, 'matched'],
    ['refs/tags/release-1', { tags: ['v*'] }, 'tag "release-1" does not match: v*'],
    ['refs/heads/v1', { tags: ['v*'] }, '"refs/heads/v1" is a branch, and this trigger selects only tags'],
    ['refs/heads/main', { branches: ['main'], tags: ['v*'] }, 'matched'],
    ['refs/tags/v2', { branches: ['main'], tags: ['v*'] }, 'matched'],
    ['refs/tags/x2', { branches: ['main'], tags: ['v*'] }, 'tag "x2" does not match: v*'],
    ['refs/heads/dev', { branches: ['main'], tags: ['v*'] }, 'branch "dev" does not match: main'],
    ['refs/notes/commits', { branches: ['main'] }, 'ref "refs/notes/commits" is neither a branch nor a tag'],
    ['refs/heads/main', { branches: [], tags: '' }, 'matched'],
  ] as const)('on %s with %j gives %s', (ref, parameters, expected) => {
    expect(outcome(runFilter('push', push(ref), parameters))).toBe(expected);
  });

  it.each([
    [['src/index.ts'], ['src/**'], 'matched'],
    [['docs/a.md', 'src/b.ts'], ['src/**'], 'matched'],
    [['docs/a.md'], ['src/**'], 'no changed file matches: src/**'],
    [['README.md'], ['**', '!**/*.md'], 'no changed file matches: **, !**/*.md'],
    [['README.md', 'lib/a.js'], ['**', '!**/*.md'], 'matched'],
    [[], ['src/**'], 'the push lists no changed files; wanted: src/**'],
  ] as const)('with files %j and paths %j gives %s', (files, paths, expected) => {
    expect(outcome(runFilter('push', push('refs/heads/main', files), { paths }))).toBe(expected);
  });

  it('counts files added and removed by any listed commit', () => {
    const payload = {
      ref: 'refs/heads/main',
      commits: [
        { added: ['a/new.ts'], modified: [], removed: [] },
        { added: [], modified: [], removed: ['b/old.ts'] },
      ],
    };
    expect(outcome(runFilter('push', payload, { paths: ['b/**'] }))).toBe('matched');
    expect(outcome(runFilter('push', payload, { paths: ['a/*.ts'] }))).toBe('matched');
    expect(outcome(runFilter('push', payload, { paths: ['c/**'] }))).toBe('no changed file matches: c/**');
  });

  it('outputs the payload top-level fields as variables', () => {
    const payload = push('refs/heads/main');
    expect(runFilter('push', payload, { branches: ['main'] })).toEqual({ matched: true, variables: payload });
  });
});
