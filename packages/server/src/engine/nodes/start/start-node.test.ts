import { describe, expect, it } from 'vitest';
import { parsed, problems, run } from '../node-test-kit.test-helpers.js';
import { startNode } from './start-node.js';

const form = {
  variables: [
    { variable: 'title', label: 'Title', type: 'text-input', required: true, max_length: 20 },
    { variable: 'body', label: 'Body', type: 'paragraph', required: false },
    { variable: 'priority', label: 'Priority', type: 'select', required: true, options: ['low', 'high'] },
    { variable: 'count', label: 'Count', type: 'number', required: false, default: 1 },
    { variable: 'notify', label: 'Notify', type: 'checkbox', required: false },
    { variable: 'extra', label: 'Extra', type: 'json_object', required: false },
  ],
};

describe('startNode', () => {
  it('outputs the checked inputs, converting form text and filling defaults', async () => {
    const result = await run(startNode, form, {
      triggerInput: {
        title: 'Deploy',
        priority: 'high',
        notify: 'true',
        extra: '{"env":"prod"}',
        undeclared: 'dropped',
      },
    });
    expect(result).toMatchObject({
      status: 'succeeded',
      outputs: {
        title: 'Deploy',
        body: null,
        priority: 'high',
        count: 1,
        notify: true,
        extra: { env: 'prod' },
      },
    });
  });

  it('converts a numeric text for a number input', async () => {
    const result = await run(startNode, form, { triggerInput: { title: 'x', priority: 'low', count: '42' } });
    expect(result).toMatchObject({ status: 'succeeded', outputs: { count: 42 } });
  });

  it('fails naming every input that does not fit', async () => {
    const result = await run(startNode, form, {
      triggerInput: {
        title: 'a title that is far too long',
        priority: 'urgent',
        count: 'many',
        notify: 'yes',
        extra: '[1]',
      },
    });
    expect(result).toEqual({
      status: 'failed',
      inputs: expect.any(Object),
      error: [
        'input "title" (Title) must be at most 20 characters long (got 28)',
        'input "priority" (Priority) must be one of low, high (got "urgent")',
        'input "count" (Count) must be a number (got "many")',
        'input "notify" (Notify) must be true or false (got "yes")',
        'input "extra" (Extra) must be a JSON object',
      ].join('; '),
    });
  });

  it('fails when a required input is missing or empty', async () => {
    const result = await run(startNode, form, { triggerInput: { title: '' } });
    expect(result).toMatchObject({
      status: 'failed',
      error: 'input "title" (Title) is required; input "priority" (Priority) is required',
    });
  });

  it('declares its variables as outputs', () => {
    expect(startNode.outputNames(parsed(startNode, form))).toEqual([
      'title',
      'body',
      'priority',
      'count',
      'notify',
      'extra',
    ]);
    expect(startNode.references(parsed(startNode, form))).toEqual([]);
  });

  it('refuses declarations with their paths and allowed values', () => {
    expect(
      problems(startNode, {
        variables: [
          { variable: 'doc', label: 'Doc', type: 'file' },
          { variable: 'kind', label: 'Kind', type: 'dropdown' },
          { variable: 'pick', label: 'Pick', type: 'select', options: [] },
          { variable: 'pick', label: 'Pick again', type: 'text-input', max_length: 0 },
        ],
      }),
    ).toEqual([
      'nodes[0]: variables[0].type "file" is not supported: file inputs need file storage, which Tripline does not have',
      'nodes[0]: variables[1].type must be one of text-input, paragraph, select, number, checkbox, json_object (got "dropdown")',
      'nodes[0]: variables[2].options must offer at least one option for a select',
      'nodes[0]: variables[3].max_length must be an integer of at least 1 (got 0)',
      'nodes[0]: variables[3].variable "pick" is declared twice',
    ]);
  });
});
