import { describe, expect, it } from 'vitest';
import { outcome, runFilter } from '../filter-test-kit.test-helpers.js';
import { composeFilter, isEmptyValue, listValue } from './filter-rule.js';

describe('listValue', () => {
  it.each([
    [undefined, []],
    ['', []],
    ['main', ['main']],
    ['main, release/*\nv*', ['main', 'release/*', 'v*']],
    [
      [' main ', '', 'dev'],
      ['main', 'dev'],
    ],
    [3, ['3']],
  ] as const)('reads %j as %j', (value, expected) => {
    expect(listValue(value)).toEqual(expected);
  });

  it('treats blank values as empty and others as set', () => {
    expect([undefined, '', '  ', [], ['', ' ']].map((value) => isEmptyValue(value))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['x', ['x'], false, 0].map((value) => isEmptyValue(value))).toEqual([false, false, false, false]);
  });
});

describe('event filters', () => {
  it('refuse an event without an action when actions are chosen', () => {
    expect(outcome(runFilter('star', { starred_at: null }, { actions: ['created'] }))).toBe(
      'event has no action; expected one of: created',
    );
  });

  it('match free-form repository_dispatch event types', () => {
    const payload = { action: 'deploy', branch: 'main', client_payload: {} };
    expect(outcome(runFilter('repository_dispatch', payload, { actions: ['deploy'] }))).toBe('matched');
    expect(outcome(runFilter('repository_dispatch', payload, { actions: 'rollback' }))).toBe(
      'action "deploy" is not one of: rollback',
    );
  });

  it('refuse a payload that is not an object', () => {
    const filter = composeFilter([]);
    expect(filter({ event: { name: 'issues', payload: 'text' }, parameters: {} })).toEqual({
      matched: false,
      reason: 'payload is not a JSON object',
    });
  });

  it('ignore parameters left empty', () => {
    const payload = { action: 'created' };
    expect(runFilter('star', payload, { actions: [] })).toEqual({ matched: true, variables: payload });
    expect(runFilter('star', payload, { actions: '' })).toEqual({ matched: true, variables: payload });
  });
});
