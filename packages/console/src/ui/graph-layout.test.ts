import { describe, expect, it } from 'vitest';
import { layeredPositions } from './graph-layout.js';

describe('layeredPositions', () => {
  it('puts each node one column right of its furthest predecessor', () => {
    const positions = layeredPositions(
      ['a', 'b', 'join', 'end'],
      [
        { source: 'a', target: 'join' },
        { source: 'b', target: 'join' },
        { source: 'a', target: 'end' },
        { source: 'join', target: 'end' },
      ],
    );
    expect(positions.get('a')).toEqual({ x: 0, y: 0 });
    expect(positions.get('b')).toEqual({ x: 0, y: 130 });
    expect(positions.get('join')).toEqual({ x: 300, y: 0 });
    expect(positions.get('end')).toEqual({ x: 600, y: 0 });
  });

  it('places nodes on a cycle and edges to unknown nodes without looping', () => {
    const positions = layeredPositions(
      ['x', 'y'],
      [
        { source: 'x', target: 'y' },
        { source: 'y', target: 'x' },
        { source: 'x', target: 'ghost' },
      ],
    );
    expect([...positions.keys()]).toEqual(['x', 'y']);
  });
});
