import { describe, expect, it } from 'vitest';
import { type EventDefinition, filterEvent, passThrough } from './events.js';

describe('passThrough', () => {
  it('uses an object payload as the variables', () => {
    expect(passThrough({ name: 'push', payload: { ref: 'refs/heads/main' } })).toEqual({
      matched: true,
      variables: { ref: 'refs/heads/main' },
    });
  });

  it.each([[null], [[1, 2]], ['text'], [42]])('wraps the non-object payload %j as { payload }', (payload) => {
    expect(passThrough({ name: 'push', payload })).toEqual({ matched: true, variables: { payload } });
  });
});

describe('filterEvent', () => {
  const definition: EventDefinition<'issues'> = {
    name: 'issues',
    label: 'Issues',
    description: 'Issue activity.',
    parameters: [],
    outputSchema: { type: 'object' },
  };
  const event = { name: 'issues' as const, action: 'opened', payload: { number: 7 } };

  it('passes through when the event has no filter', () => {
    expect(filterEvent(definition, { event, parameters: {} })).toEqual({
      matched: true,
      variables: { number: 7 },
    });
  });

  it('runs the event filter with the trigger parameters', () => {
    const filtered: EventDefinition<'issues'> = {
      ...definition,
      filter: ({ event: { action }, parameters }) =>
        Array.isArray(parameters.actions) && !parameters.actions.includes(action ?? '')
          ? { matched: false, reason: `action ${action} is not selected` }
          : { matched: true, variables: { action } },
    };
    expect(filterEvent(filtered, { event, parameters: { actions: ['closed'] } })).toEqual({
      matched: false,
      reason: 'action opened is not selected',
    });
    expect(filterEvent(filtered, { event, parameters: { actions: ['opened'] } })).toEqual({
      matched: true,
      variables: { action: 'opened' },
    });
  });
});
