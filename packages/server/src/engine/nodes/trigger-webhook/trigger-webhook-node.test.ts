import { describe, expect, it } from 'vitest';
import { parsed, problems, run } from '../node-test-kit.test-helpers.js';
import { triggerWebhookNode } from './trigger-webhook-node.js';

const hook = {
  method: 'POST',
  content_type: 'application/json',
  headers: [{ name: 'X-Request-Id', required: false }],
  params: [{ name: 'source', type: 'string', required: false }],
  body: [{ name: 'event', type: 'object', required: true }],
};

describe('triggerWebhookNode', () => {
  it('outputs the validated request variables', async () => {
    const result = await run(triggerWebhookNode, hook, {
      triggerInput: { X_Request_Id: 'r1', event: { kind: 'deploy' }, _webhook_raw: { method: 'POST' } },
    });
    expect(result).toMatchObject({
      status: 'succeeded',
      outputs: {
        X_Request_Id: 'r1',
        source: null,
        event: { kind: 'deploy' },
        _webhook_raw: { method: 'POST' },
      },
    });
  });

  it('fails without a request', async () => {
    expect(await run(triggerWebhookNode, hook)).toMatchObject({
      status: 'failed',
      error: 'no webhook request was given to this trigger',
    });
  });

  it('normalizes Dify spellings and fills defaults', () => {
    expect(parsed(triggerWebhookNode, {})).toMatchObject({
      method: 'get',
      content_type: 'application/json',
      headers: [],
      params: [],
      body: [],
      status_code: 200,
      response_body: '',
    });
    expect(triggerWebhookNode.outputNames(parsed(triggerWebhookNode, hook))).toEqual([
      'X_Request_Id',
      'source',
      'event',
      '_webhook_raw',
    ]);
  });

  it('refuses bad declarations with their paths and allowed values', () => {
    expect(
      problems(triggerWebhookNode, {
        method: 'TRACE',
        content_type: 'text/plain',
        params: [{ name: 'file', type: 'file' }],
        body: [{ name: 'n', type: 'number' }],
        headers: [{ name: 'source' }],
        status_code: 700,
      }),
    ).toEqual([
      'nodes[0]: method must be one of get, post, put, patch, delete, head (got "TRACE")',
      'nodes[0]: params[0].type must be one of string, number, boolean, array[string], array[number], array[boolean] (got "file")',
      'nodes[0]: body[0].type must be "string" (got "number")',
      'nodes[0]: status_code must be an integer from 200 to 599 (got 700)',
    ]);
  });

  it('refuses two fields that become the same variable', () => {
    expect(
      problems(triggerWebhookNode, {
        headers: [{ name: 'X-Id' }],
        params: [{ name: 'X_Id' }, { name: '_webhook_raw' }],
      }),
    ).toEqual([
      'nodes[0]: params[0].name "X_Id" gives variable "X_Id", already taken by headers[0]',
      'nodes[0]: params[1].name "_webhook_raw" gives variable "_webhook_raw", already taken by the raw request',
    ]);
  });
});
