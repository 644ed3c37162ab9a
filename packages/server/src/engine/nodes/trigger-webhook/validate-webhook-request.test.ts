import { describe, expect, it } from 'vitest';
import { parsed } from '../node-test-kit.test-helpers.js';
import { triggerWebhookNode } from './trigger-webhook-node.js';
import { validateWebhookRequest, type WebhookRequest } from './validate-webhook-request.js';

const orderHook = parsed(triggerWebhookNode, {
  method: 'POST',
  content_type: 'application/json',
  headers: [{ name: 'X-Shop-Event', required: true }],
  params: [
    { name: 'page', type: 'number', required: false },
    { name: 'tag', type: 'array[string]', required: false },
  ],
  body: [
    { name: 'order_id', type: 'string', required: true },
    { name: 'amount', type: 'number', required: true },
    { name: 'items', type: 'array[object]', required: false },
    { name: 'gift', type: 'boolean', required: false },
  ],
  status_code: 202,
  response_body: '{"received":true}',
});

function request(overrides: Partial<WebhookRequest> & { json?: unknown } = {}): WebhookRequest {
  const { json = { order_id: 'o-1', amount: 12.5, items: [{ sku: 'A' }] }, ...rest } = overrides;
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-shop-event': 'order.created',
      authorization: 'Bearer s3cret',
    },
    query: { page: '2', tag: ['a', 'b'] },
    body: new TextEncoder().encode(JSON.stringify(json)),
    ...rest,
  };
}

describe('validateWebhookRequest', () => {
  it('returns the declared headers, parameters and body fields as variables', async () => {
    const result = await validateWebhookRequest(orderHook, request());
    expect(result).toEqual({
      ok: true,
      variables: {
        X_Shop_Event: 'order.created',
        page: 2,
        tag: ['a', 'b'],
        order_id: 'o-1',
        amount: 12.5,
        items: [{ sku: 'A' }],
        gift: null,
        _webhook_raw: {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'x-shop-event': 'order.created' },
          query_params: { page: '2', tag: ['a', 'b'] },
          body: { order_id: 'o-1', amount: 12.5, items: [{ sku: 'A' }] },
        },
      },
    });
  });

  it.each([
    [{ method: 'GET' }, { status: 405, message: 'method must be POST (got GET)' }],
    [
      { headers: { 'content-type': 'text/plain', 'x-shop-event': 'e' } },
      { status: 415, message: 'content-type must be application/json (got text/plain)' },
    ],
    [
      { headers: { 'content-type': 'application/json' } },
      { status: 400, field: 'headers.X-Shop-Event', message: 'header "X-Shop-Event" is required' },
    ],
    [
      { query: { page: 'two' } },
      { status: 400, field: 'params.page', message: 'query parameter "page" must be a number (got "two")' },
    ],
    [
      { json: { amount: 3 } },
      { status: 400, field: 'body.order_id', message: 'body field "order_id" is required' },
    ],
    [
      { json: { order_id: 'o-1', amount: '12.50' } },
      { status: 400, field: 'body.amount', message: 'body field "amount" must be a number (got "12.50")' },
    ],
    [
      { json: { order_id: 'o-1', amount: 1, items: ['A'] } },
      {
        status: 400,
        field: 'body.items',
        message: 'body field "items" must be a list of objects (got a list)',
      },
    ],
    [{ json: [1, 2] }, { status: 400, field: 'body', message: 'body must be a JSON object' }],
    [
      { body: new TextEncoder().encode('{"order_id":') },
      { status: 400, field: 'body', message: 'body is not valid JSON' },
    ],
  ] as const)('refuses %j', async (overrides, failure) => {
    const headers = 'headers' in overrides ? overrides.headers : undefined;
    const base = request('json' in overrides ? { json: overrides.json } : {});
    const result = await validateWebhookRequest(orderHook, {
      ...base,
      ...overrides,
      headers: headers ?? base.headers,
    } as WebhookRequest);
    expect(result).toEqual({ ok: false, ...failure });
  });

  it('converts form fields to their declared types', async () => {
    const formHook = parsed(triggerWebhookNode, {
      method: 'post',
      content_type: 'application/x-www-form-urlencoded',
      body: [
        { name: 'count', type: 'number', required: true },
        { name: 'urgent', type: 'boolean', required: true },
        { name: 'labels', type: 'array[string]', required: false },
      ],
    });
    const result = await validateWebhookRequest(formHook, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      query: {},
      body: new TextEncoder().encode('count=3&urgent=true&labels=a&labels=b'),
    });
    expect(result).toMatchObject({ ok: true, variables: { count: 3, urgent: true, labels: ['a', 'b'] } });
  });

  it('reads multipart fields and files', async () => {
    const multipartHook = parsed(triggerWebhookNode, {
      method: 'post',
      content_type: 'multipart/form-data',
      body: [
        { name: 'note', type: 'string', required: true },
        { name: 'report', type: 'file', required: true },
      ],
    });
    const form = new FormData();
    form.append('note', 'nightly');
    form.append('report', new Blob(['a,b\n1,2\n'], { type: 'text/csv' }), 'report.csv');
    const encoded = new Response(form);
    const result = await validateWebhookRequest(multipartHook, {
      method: 'POST',
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
      query: {},
      body: new Uint8Array(await encoded.arrayBuffer()),
    });
    expect(result).toMatchObject({
      ok: true,
      variables: {
        note: 'nightly',
        report: {
          filename: 'report.csv',
          mime_type: 'text/csv',
          size: 8,
          data_base64: Buffer.from('a,b\n1,2\n').toString('base64'),
        },
      },
    });
  });

  it('gives a text body whole to its field', async () => {
    const textHook = parsed(triggerWebhookNode, {
      method: 'post',
      content_type: 'text/plain',
      body: [{ name: 'raw', type: 'string', required: true }],
    });
    const result = await validateWebhookRequest(textHook, {
      method: 'POST',
      headers: { 'content-type': 'text/markdown' },
      query: {},
      body: new TextEncoder().encode('# Build failed'),
    });
    expect(result).toMatchObject({ ok: true, variables: { raw: '# Build failed' } });
  });

  it('keeps a declared secret header but not undeclared ones in the raw request', async () => {
    const hook = parsed(triggerWebhookNode, {
      method: 'get',
      headers: [{ name: 'Authorization', required: true }],
    });
    const result = await validateWebhookRequest(hook, {
      method: 'GET',
      headers: { authorization: 'token t', cookie: 'session=1' },
      query: {},
      body: new Uint8Array(),
    });
    expect(result).toMatchObject({
      ok: true,
      variables: { Authorization: 'token t', _webhook_raw: { headers: { authorization: 'token t' } } },
    });
  });
});
