import { describe, expect, it } from 'vitest';
import { parsed, problems, run } from '../node-test-kit.test-helpers.js';
import { eventParameterValues, triggerPluginNode } from './trigger-plugin-node.js';

const node = {
  plugin_id: 'langgenius/github_trigger',
  provider_id: 'github',
  event_name: 'pull_request',
  subscription_id: 'sub_01HZX',
  plugin_unique_identifier: 'langgenius/github_trigger:0.1.0@abc',
  event_parameters: { actions: { type: 'constant', value: ['opened', 'reopened'] } },
};

describe('triggerPluginNode', () => {
  it('outputs the event variables it was started with', async () => {
    const event = {
      action: 'opened',
      number: 7,
      pull_request: { title: 'Fix cache', user: { login: 'octocat' } },
    };
    const result = await run(triggerPluginNode, node, { triggerInput: event });
    expect(result).toEqual({
      status: 'succeeded',
      inputs: {
        provider_id: 'github',
        event_name: 'pull_request',
        subscription_id: 'sub_01HZX',
        event_parameters: { actions: ['opened', 'reopened'] },
      },
      outputs: event,
    });
    if (result.status === 'succeeded') expect(result.outputs).not.toBe(event);
  });

  it('fails without an event', async () => {
    expect(await run(triggerPluginNode, node)).toMatchObject({
      status: 'failed',
      error: 'no "pull_request" event was given to this trigger',
    });
  });

  it('exposes its constant parameters for the event filter', () => {
    expect(eventParameterValues(parsed(triggerPluginNode, node))).toEqual({
      actions: ['opened', 'reopened'],
    });
    expect(triggerPluginNode.outputNames(parsed(triggerPluginNode, node))).toBeUndefined();
  });

  it('accepts a trigger whose subscription is not chosen yet', () => {
    expect(parsed(triggerPluginNode, { ...node, subscription_id: '' }).subscription_id).toBe('');
    expect(parsed(triggerPluginNode, { provider_id: 'github', event_name: 'push' })).toMatchObject({
      subscription_id: '',
      event_parameters: {},
    });
  });

  it('refuses missing ids and parameters that are not constants', () => {
    expect(
      problems(triggerPluginNode, {
        provider_id: 'github',
        event_name: '',
        subscription_id: 42,
        event_parameters: { actions: { type: 'variable', value: ['start', 'x'] }, repo: 'octo/repo' },
      }),
    ).toEqual([
      'nodes[0]: event_name must not be empty',
      'nodes[0]: subscription_id must be a string',
      'nodes[0]: event_parameters.actions.type must be "constant": a trigger runs before any variable exists (got "variable")',
      'nodes[0]: event_parameters.repo must be an object',
    ]);
  });
});
