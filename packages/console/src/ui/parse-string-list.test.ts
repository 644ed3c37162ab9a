import { describe, expect, it } from 'vitest';
import { parseStringList } from './parse-string-list.js';

describe('parseStringList', () => {
  it('splits on commas by default, trimming items and dropping empty ones', () => {
    expect(parseStringList('a, b ,c,, ')).toEqual(['a', 'b', 'c']);
  });

  it('splits one item a line when asked', () => {
    expect(parseStringList('main\n release/* \n\n', '\n')).toEqual(['main', 'release/*']);
    expect(parseStringList('a,b', '\n')).toEqual(['a,b']);
  });
});
