import { describe, expect, it } from 'vitest';
import { defineIntegration } from './define-integration.js';
import type { EventDefinition } from './events.js';
import type { IntegrationDefinition } from './integration.js';

const event: EventDefinition<'message'> = {
  name: 'message',
  label: 'Message',
  description: 'Any request.',
  parameters: [],
  outputSchema: { type: 'object' },
};

function definition(overrides: Partial<IntegrationDefinition<string>> = {}): IntegrationDefinition<string> {
  return {
    id: 'echo',
    name: 'Echo',
    description: 'Accepts anything.',
    icon: 'data:image/svg+xml,<svg/>',
    subscription: { methods: ['manual'] },
    events: [event],
    verify: () => ({ ok: true }),
    parse: () => ({ ok: true, events: [], response: { status: 200 } }),
    ...overrides,
  };
}

function problemsOf(overrides: Partial<IntegrationDefinition<string>>): string {
  try {
    defineIntegration(definition(overrides));
  } catch (error) {
    return (error as Error).message;
  }
  return 'accepted';
}

describe('defineIntegration', () => {
  it('returns the integration with events by name and filled-in defaults', () => {
    const integration = defineIntegration(definition());
    expect([...integration.events.keys()]).toEqual(['message']);
    expect(integration.settings).toEqual([]);
    expect(integration.subscription).toEqual({
      methods: ['manual'],
      properties: [],
      constructorParameters: [],
      credentials: [],
    });
  });

  it('refuses a bad id, naming the pattern', () => {
    expect(problemsOf({ id: 'Echo!' })).toBe(
      'integration "Echo!" is invalid:\n- id "Echo!" must match /^[a-z][a-z0-9-]{1,39}$/',
    );
  });

  it('refuses an event name declared twice', () => {
    expect(problemsOf({ events: [event, { ...event, label: 'Again' }] })).toContain(
      '- events[1]: name "message" is declared twice',
    );
  });

  it('refuses an invalid event name', () => {
    expect(problemsOf({ events: [{ ...event, name: 'Pull Request' }] })).toContain(
      '- events[0]: name "Pull Request" must match',
    );
  });

  it('refuses automatic methods without subscribe and unsubscribe, naming the missing hooks', () => {
    expect(problemsOf({ subscription: { methods: ['manual', 'api-key'] } })).toContain(
      '- subscription.methods api-key create webhooks automatically and need the subscribe and unsubscribe hooks',
    );
    const onlySubscribe = {
      subscription: { methods: ['api-key' as const] },
      subscribe: async () => ({ properties: {} }),
    };
    expect(problemsOf(onlySubscribe)).toContain('need the unsubscribe hook');
  });

  it('accepts automatic methods that have both hooks', () => {
    const automatic = {
      subscription: { methods: ['api-key' as const] },
      subscribe: async () => ({ properties: {} }),
      unsubscribe: async () => {},
    };
    expect(problemsOf(automatic)).toBe('accepted');
  });

  it('refuses oauth without its spec and hooks', () => {
    const oauth = problemsOf({
      subscription: { methods: ['oauth'] },
      subscribe: async () => ({ properties: {} }),
      unsubscribe: async () => {},
    });
    expect(oauth).toContain(
      '- subscription.methods oauth needs subscription.oauth (scopes, pkce, clientParameters)',
    );
    expect(oauth).toContain('- subscription.methods oauth needs the oauth hooks');
  });

  it('refuses no methods, unknown methods and repeated ones', () => {
    expect(problemsOf({ subscription: { methods: [] } })).toContain(
      'subscription.methods must name at least one method',
    );
    const methods = JSON.parse('["manual","webhook","manual"]');
    expect(problemsOf({ subscription: { methods } })).toContain(
      '- subscription.methods[1]: "webhook" is not one of manual, api-key, oauth\n- subscription.methods[2]: "manual" is listed twice',
    );
  });

  it('refuses bad parameters of events and of the subscription, with their paths', () => {
    const message = problemsOf({
      events: [{ ...event, parameters: [{ name: 'kind', label: 'Kind', type: 'select' }] }],
      subscription: {
        methods: ['manual'],
        properties: [
          { name: 'webhook_secret', label: 'Secret', type: 'secret' },
          { name: 'webhook_secret', label: 'Secret', type: 'secret' },
        ],
      },
    });
    expect(message).toContain('- events[0] (message).parameters[0] (kind): select needs at least one option');
    expect(message).toContain(
      '- subscription.properties[1] (webhook_secret): name "webhook_secret" is declared twice',
    );
  });

  it('lists every problem at once', () => {
    const message = problemsOf({ id: 'X', events: [event, event], subscription: { methods: ['oauth'] } });
    expect(message.split('\n- ').length - 1).toBe(5);
  });
});
