import { describe, expect, it } from 'vitest';
import { matchesGlob, matchesGlobList } from './glob.js';

describe('matchesGlob', () => {
  it.each([
    ['main', 'main', true],
    ['main', 'main2', false],
    ['main', 'xmain', false],
    ['release/*', 'release/1.0', true],
    ['release/*', 'release/1.0/hotfix', false],
    ['release/**', 'release/1.0/hotfix', true],
    ['release/**', 'release/', true],
    ['v*', 'v1.2.3', true],
    ['v*', 'version', true],
    ['v*', 'x1', false],
    ['v?', 'v1', true],
    ['v?', 'v12', false],
    ['v[0-9]*', 'v1.0', true],
    ['v[0-9]*', 'vx', false],
    ['v[!0-9]*', 'vx', true],
    ['v[!0-9]*', 'v1', false],
    ['**/*.md', 'README.md', true],
    ['**/*.md', 'docs/guide/intro.md', true],
    ['**/*.md', 'docs/guide/intro.ts', false],
    ['src/**/test.ts', 'src/test.ts', true],
    ['src/**/test.ts', 'src/a/b/test.ts', true],
    ['*.md', 'docs/a.md', false],
    ['a.b', 'axb', false],
    ['a+b', 'a+b', true],
    ['(x)', '(x)', true],
    ['\\*', '*', true],
    ['\\*', 'x', false],
    ['[', '[', true],
    ['feature/$x', 'feature/$x', true],
  ])('matches %s against %s: %s', (pattern, value, expected) => {
    expect(matchesGlob(pattern, value)).toBe(expected);
  });
});

describe('matchesGlobList', () => {
  it.each([
    [['main'], 'main', true],
    [['main', 'release/*'], 'release/2', true],
    [['main', 'release/*'], 'dev', false],
    [['release/*', '!release/old'], 'release/old', false],
    [['release/*', '!release/old'], 'release/new', true],
    [['!release/old'], 'main', true],
    [['!release/old'], 'release/old', false],
    [['!release/*', 'release/keep'], 'release/keep', true],
    [['!release/*', 'release/keep'], 'release/drop', false],
  ])('lets the last matching pattern of %j decide for %s: %s', (patterns, value, expected) => {
    expect(matchesGlobList(patterns, value)).toBe(expected);
  });
});
