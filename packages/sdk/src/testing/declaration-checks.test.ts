import { describe, expect, it } from 'vitest';
import type { EventDefinition } from '../events.js';
import type { Integration } from '../integration.js';
import {
  checkEventDeclarations,
  checkIntegrationIdentity,
  checkParameterDeclarations,
} from './declaration-checks.js';
import { exampleIntegration } from './example-integration.test-helpers.js';

function withEvents(events: readonly EventDefinition[]): Integration {
  return { ...exampleIntegration, events: new Map(events.map((event) => [event.name, event])) };
}

const good: EventDefinition = {
  name: 'issue',
  label: 'Issue',
  description: 'An issue changed.',
  parameters: [],
  outputSchema: { type: 'object' },
};

describe('checkIntegrationIdentity', () => {
  it('finds nothing wrong with a working integration', () => {
    expect(checkIntegrationIdentity(exampleIntegration)).toEqual([]);
  });

  it('names a bad id, a blank name and description and a relative icon', () => {
    const broken = {
      ...exampleIntegration,
      id: 'Acme Billing',
      name: ' ',
      description: '',
      icon: 'icon.svg',
    };
    expect(checkIntegrationIdentity(broken)).toEqual([
      'id "Acme Billing" must match /^[a-z][a-z0-9-]{1,39}$/',
      'name is empty',
      'description is empty',
      'icon must be a data:image/ URI or an absolute http(s) URL',
    ]);
  });
});

describe('checkEventDeclarations', () => {
  it('finds nothing wrong with a working integration', () => {
    expect(checkEventDeclarations(exampleIntegration)).toEqual([]);
  });

  it('refuses an integration without events', () => {
    expect(checkEventDeclarations(withEvents([]))).toEqual(['events: declares no events']);
  });

  it('names bad names, missing texts and non-object output schemas', () => {
    const events: EventDefinition[] = [
      { ...good, name: 'Issue Comment' },
      { ...good, name: 'label', label: '', description: ' ' },
      { ...good, name: 'list', outputSchema: { type: 'array', items: {} } },
      { ...good, name: 'any', outputSchema: {} },
      { ...good, name: 'props', outputSchema: { type: 'object', properties: [] as never } },
    ];
    expect(checkEventDeclarations(withEvents(events))).toEqual([
      'events.Issue Comment: name "Issue Comment" must match /^[a-z][a-z0-9_.-]{0,99}$/',
      'events.label: label is empty',
      'events.label: description is empty',
      'events.list.outputSchema.type must be "object", got "array"',
      'events.any.outputSchema.type must be "object", got undefined',
      'events.props.outputSchema.properties must map names to schemas',
    ]);
  });

  it('notices an event stored under a key other than its name', () => {
    const integration = {
      ...exampleIntegration,
      events: new Map([
        ['a', good],
        ['b', good],
      ]),
    };
    expect(checkEventDeclarations(integration)).toEqual([
      'events.a: name "issue" differs from its key "a"',
      'events.b: name "issue" differs from its key "b"',
      'events.b: name "issue" is declared twice',
    ]);
  });
});

describe('checkParameterDeclarations', () => {
  it('finds nothing wrong with a working integration', () => {
    expect(checkParameterDeclarations(exampleIntegration)).toEqual([]);
  });

  it('names parameter problems of events and of the subscription', () => {
    const integration: Integration = {
      ...withEvents([
        {
          ...good,
          parameters: [
            { name: 'state', label: 'State', type: 'select' },
            { name: 'state', label: 'State again', type: 'string', default: 3 },
          ],
        },
      ]),
      subscription: {
        ...exampleIntegration.subscription,
        constructorParameters: [
          {
            name: 'events',
            label: 'Events',
            type: 'multi-select',
            options: [{ value: 'a', label: 'A' }],
            default: ['b'],
          },
        ],
      },
    };
    expect(checkParameterDeclarations(integration)).toEqual([
      'events.issue.parameters[0] (state): select needs at least one option',
      'events.issue.parameters[1] (state): name "state" is declared twice',
      'events.issue.parameters[1] (state): default must be a string',
      'subscription.constructorParameters[0] (events): default "b" is not one of a',
    ]);
  });
});
