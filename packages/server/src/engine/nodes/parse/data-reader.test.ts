import { describe, expect, it } from 'vitest';
import { DataReader } from './data-reader.js';

describe('DataReader', () => {
  it('refuses data that is not an object', () => {
    expect(DataReader.of([1], 'nodes[2] (end)').problems).toEqual(['nodes[2] (end): data must be an object']);
  });

  it('names nested paths in its problems', () => {
    const reader = DataReader.of({ a: { list: [{ n: 'x' }, { n: 5 }] } }, 'nodes[0] (code)');
    reader.object('a')?.list('list', (item) => item.number('n', { min: 1, max: 9 }));
    expect(reader.problems).toEqual(['nodes[0] (code): a.list[0].n must be a number from 1 to 9']);
  });

  it('normalizes spellings before checking choices', () => {
    const reader = DataReader.of({ method: 'POST' }, 'p');
    expect(
      reader.oneOf('method', ['get', 'post'] as const, { normalize: (value) => value.toLowerCase() }),
    ).toBe('post');
  });

  it('lays normalized fields over the original data', () => {
    const reader = DataReader.of({ method: 'POST', selected: true }, 'p');
    expect(reader.result({ method: 'post' })).toEqual({ ok: true, data: { method: 'post', selected: true } });
  });

  it('always reports a problem when parsing fails', () => {
    expect(DataReader.of({}, 'p').failed()).toEqual({ ok: false, problems: ['p: data could not be read'] });
  });
});
