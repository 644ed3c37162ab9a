import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsed, problems, run, testContext, testPool } from '../node-test-kit.test-helpers.js';
import { keyValueLines } from './build-request.js';
import { type FakeServer, startFakeServer } from './fake-server.test-helpers.js';
import { createGuardedFetch } from './guarded-fetch.js';
import { httpRequestNode } from './http-request-node.js';

let server: FakeServer;
const context = testContext({ fetch: createGuardedFetch({ allow: ['127.0.0.1'] }) });

beforeAll(async () => {
  server = await startFakeServer((request, response, body) => {
    if (request.url?.startsWith('/missing')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
    } else if (request.url?.startsWith('/logo')) {
      response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    } else {
      response.writeHead(200, { 'content-type': 'application/json', 'x-trace': 't-9' }).end(
        JSON.stringify({
          method: request.method,
          url: request.url,
          contentType: request.headers['content-type'] ?? null,
          body,
        }),
      );
    }
  });
});
afterAll(() => server.close());

function pool() {
  return testPool({
    start: { base: server.origin, issue: 42, title: 'Crash on "save"', token: 's3cret' },
    code_1: { labels: ['bug', 'p1'] },
  });
}

describe('httpRequestNode', () => {
  it('fails when a variable makes the JSON body invalid', async () => {
    // Variables are pasted as text, so a title with quotes breaks the JSON around it (as in Dify).
    const result = await run(
      httpRequestNode,
      {
        method: 'POST',
        url: '{{#start.base#}}/issues',
        body: { type: 'json', data: [{ key: '', type: 'text', value: '{"title": "{{#start.title#}}"}' }] },
      },
      { pool: pool(), context },
    );
    expect(result).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/^the JSON body is not valid JSON after filling in variables/),
    });
  });

  it('sends a well-formed JSON request and outputs status, body and headers', async () => {
    const result = await run(
      httpRequestNode,
      {
        method: 'post',
        url: '{{#start.base#}}/issues/{{#start.issue#}}/comments',
        params: 'source: tripline',
        headers: 'X-Run: {{#sys.workflow_run_id#}}',
        authorization: { type: 'api-key', config: { type: 'bearer', api_key: '{{#start.token#}}' } },
        body: {
          type: 'json',
          data: [
            { key: '', type: 'text', value: '{"issue": {{#start.issue#}}, "labels": {{#code_1.labels#}}}' },
          ],
        },
      },
      { pool: pool(), context },
    );
    expect(result).toEqual({
      status: 'succeeded',
      inputs: {
        method: 'POST',
        url: `${server.origin}/issues/42/comments?source=tripline`,
        headers: { authorization: '***', 'content-type': 'application/json', 'x-run': 'run_1' },
      },
      outputs: {
        status_code: 200,
        body: JSON.stringify({
          method: 'POST',
          url: '/issues/42/comments?source=tripline',
          contentType: 'application/json',
          body: '{"issue": 42, "labels": ["bug","p1"]}',
        }),
        headers: expect.objectContaining({ 'content-type': 'application/json', 'x-trace': 't-9' }),
        files: [],
      },
    });
    expect(server.requests.at(-1)?.headers.authorization).toBe('Bearer s3cret');
  });

  it.each([
    ['x-www-form-urlencoded', 'application/x-www-form-urlencoded', 'title=Crash+on+%22save%22&n=42'],
    ['raw-text', 'text/plain', 'Issue 42: Crash on "save"'],
  ])('sends a %s body', async (type, contentType, body) => {
    const data =
      type === 'raw-text'
        ? [{ key: '', type: 'text', value: 'Issue {{#start.issue#}}: {{#start.title#}}' }]
        : [
            { key: 'title', type: 'text', value: '{{#start.title#}}' },
            { key: 'n', type: 'text', value: '{{#start.issue#}}' },
          ];
    const result = await run(
      httpRequestNode,
      { method: 'put', url: `${server.origin}/form`, body: { type, data } },
      { pool: pool(), context },
    );
    expect(result.status).toBe('succeeded');
    expect(server.requests.at(-1)).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': expect.stringContaining(contentType) },
      body,
    });
  });

  it('sends multipart form data', async () => {
    const result = await run(
      httpRequestNode,
      {
        method: 'post',
        url: `${server.origin}/upload`,
        body: { type: 'form-data', data: [{ key: 'note', type: 'text', value: 'issue {{#start.issue#}}' }] },
      },
      { pool: pool(), context },
    );
    expect(result.status).toBe('succeeded');
    expect(server.requests.at(-1)?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(server.requests.at(-1)?.body).toContain('issue 42');
  });

  it('encodes basic credentials and sets a custom header', async () => {
    await run(
      httpRequestNode,
      {
        method: 'get',
        url: `${server.origin}/a`,
        authorization: { type: 'api-key', config: { type: 'basic', api_key: 'user:pw' } },
      },
      { context },
    );
    expect(server.requests.at(-1)?.headers.authorization).toBe(
      `Basic ${Buffer.from('user:pw').toString('base64')}`,
    );
    await run(
      httpRequestNode,
      {
        method: 'get',
        url: `${server.origin}/b`,
        authorization: { type: 'api-key', config: { type: 'custom', api_key: 'k-1', header: 'X-Api-Key' } },
      },
      { context },
    );
    expect(server.requests.at(-1)?.headers['x-api-key']).toBe('k-1');
  });

  it('outputs an error status as a result', async () => {
    const result = await run(
      httpRequestNode,
      { method: 'get', url: `${server.origin}/missing` },
      { context },
    );
    expect(result).toMatchObject({
      status: 'succeeded',
      outputs: { status_code: 404, body: '{"error":"not found"}' },
    });
  });

  it('keeps a binary response as a file', async () => {
    const result = await run(
      httpRequestNode,
      { method: 'get', url: `${server.origin}/logo.png` },
      { context },
    );
    expect(result).toMatchObject({
      outputs: {
        body: '',
        files: [{ filename: null, mime_type: 'image/png', size: 4, data_base64: 'iVBORw==' }],
      },
    });
  });

  it('fails on a private target without sending anything', async () => {
    const before = server.requests.length;
    const result = await run(httpRequestNode, { method: 'get', url: 'http://10.0.0.1/admin' }, { context });
    expect(result).toMatchObject({
      status: 'failed',
      error: 'refused to connect to 10.0.0.1: a private address (10.0.0.0/8) is not allowed',
    });
    expect(server.requests.length).toBe(before);
  });

  it('fails when a variable makes the URL unusable', async () => {
    const result = await run(
      httpRequestNode,
      { method: 'get', url: '{{#start.nothing#}}/x' },
      { pool: pool(), context },
    );
    expect(result).toMatchObject({ status: 'failed', error: 'url "/x" is not an absolute URL' });
  });

  it('reads Dify body data written as plain text and lists its references', () => {
    const data = parsed(httpRequestNode, {
      method: 'POST',
      url: '{{#start.base#}}/x',
      headers: 'A: {{#start.token#}}',
      params: '',
      body: { type: 'raw-text', data: 'hello {{#start.title#}}' },
    });
    expect(data.body).toEqual({
      type: 'raw-text',
      data: [{ key: '', type: 'text', value: 'hello {{#start.title#}}' }],
    });
    expect(httpRequestNode.references(data)).toEqual([
      ['start', 'base'],
      ['start', 'token'],
      ['start', 'title'],
    ]);
    expect(httpRequestNode.outputNames(data)).toEqual(['status_code', 'body', 'headers', 'files']);
  });

  it('refuses bad data with paths and allowed values', () => {
    expect(
      problems(httpRequestNode, {
        method: 'fetch',
        url: 'ftp://example.com',
        body: { type: 'binary', data: [] },
        authorization: { type: 'api-key', config: { type: 'digest', api_key: '' } },
      }),
    ).toEqual([
      'nodes[0]: method must be one of get, post, put, patch, delete, head, options (got "fetch")',
      'nodes[0]: url must be an absolute http(s) URL (got "ftp://example.com")',
      'nodes[0]: body.type binary is not supported: it sends a file variable, and Tripline has no file variables',
      'nodes[0]: authorization.config.type must be one of basic, bearer, custom (got "digest")',
      'nodes[0]: authorization.config.api_key must not be empty',
    ]);
  });

  it('reads Key: value lines the way Dify does', () => {
    expect(keyValueLines('a:b\n cc : dd \n\nee\nurl: http://x:1/')).toEqual([
      ['a', 'b'],
      ['cc', 'dd'],
      ['ee', ''],
      ['url', 'http://x:1/'],
    ]);
  });
});
