import { describe, expect, it } from 'vitest';
import { choicesMatching } from './choice.js';

const EVENTS = [
  { value: 'push', label: 'Push' },
  { value: 'pull_request', label: 'Pull request' },
  { value: 'issues', label: 'Issues' },
];

describe('choicesMatching', () => {
  it('keeps every choice for a blank filter', () => {
    expect(choicesMatching(EVENTS, '  ')).toEqual(EVENTS);
  });

  it('matches the label or the value, ignoring case and surrounding spaces', () => {
    expect(choicesMatching(EVENTS, ' PULL ').map((choice) => choice.value)).toEqual(['pull_request']);
    expect(choicesMatching(EVENTS, 'request').map((choice) => choice.value)).toEqual(['pull_request']);
    expect(choicesMatching(EVENTS, 'pu').map((choice) => choice.value)).toEqual(['push', 'pull_request']);
  });

  it('answers nothing when nothing matches', () => {
    expect(choicesMatching(EVENTS, 'release')).toEqual([]);
  });
});
