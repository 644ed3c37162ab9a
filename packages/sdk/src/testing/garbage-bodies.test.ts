import { describe, expect, it } from 'vitest';
import { garbageBodies } from './garbage-bodies.js';

describe('garbageBodies', () => {
  it('repeats for a seed and differs between seeds', () => {
    const randomOf = (seed: number) =>
      garbageBodies({ seed }).find((body) => body.label === '1024 random bytes')?.body;
    expect(randomOf(7)).toEqual(randomOf(7));
    expect(randomOf(7)).not.toEqual(randomOf(8));
  });

  it('includes an empty body and half of the original', () => {
    const bodies = garbageBodies({ seed: 1, original: new TextEncoder().encode('{"a":1}') });
    expect(bodies[0]).toEqual({ label: 'an empty body', body: new Uint8Array() });
    expect(new TextDecoder().decode(bodies.at(-1)?.body)).toBe('{"a');
  });
});
