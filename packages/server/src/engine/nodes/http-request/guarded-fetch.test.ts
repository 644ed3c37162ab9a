import { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeServer, startFakeServer } from './fake-server.test-helpers.js';
import { createGuardedFetch, type HostResolver } from './guarded-fetch.js';
import { GuardedFetchError } from './guarded-fetch-error.js';

let api: FakeServer;
let other: FakeServer;

// Names resolve from this table, never from DNS; only 127.0.0.1 is ever connected to.
const hosts: Record<string, string[]> = {
  'api.test': ['127.0.0.1'],
  'internal.test': ['10.0.0.1'],
  'mixed.test': ['127.0.0.1', '192.168.1.20'],
  'metadata.test': ['169.254.169.254'],
};
const resolve: HostResolver = async (hostname) => {
  const addresses = hosts[hostname];
  if (addresses === undefined) throw new Error(`getaddrinfo ENOTFOUND ${hostname}`);
  return addresses.map((address) => ({ address, family: 4 as const }));
};

const fetchLocal = createGuardedFetch({ allow: ['127.0.0.1'], resolve });

beforeAll(async () => {
  api = await startFakeServer((request, response, body) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to !== null) {
      response.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to }).end();
    } else if (url.pathname === '/loop') {
      response.writeHead(302, { location: '/loop' }).end();
    } else if (url.pathname === '/big') {
      response.writeHead(200, { 'content-type': 'text/plain' });
      for (let i = 0; i < 64; i++) response.write('x'.repeat(1024));
      response.end();
    } else if (url.pathname === '/big-declared') {
      response.writeHead(200, { 'content-length': String(1 << 20) }).end('x'.repeat(1 << 20));
    } else if (url.pathname === '/hang') {
      // Never answers.
    } else {
      response.writeHead(201, { 'content-type': 'application/json', 'x-request-id': 'r-1' }).end(
        JSON.stringify({
          method: request.method,
          path: url.pathname,
          body,
          auth: request.headers.authorization ?? null,
        }),
      );
    }
  });
  other = await startFakeServer((_request, response) => response.writeHead(200).end('other'));
});

afterAll(async () => {
  await api.close();
  await other.close();
});

async function refusal(promise: Promise<unknown>): Promise<GuardedFetchError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof GuardedFetchError))
    throw new Error(`expected a GuardedFetchError, got ${String(error)}`);
  return error;
}

describe('createGuardedFetch', () => {
  it('reaches an allowlisted address and returns the response', async () => {
    const response = await fetchLocal(`${api.origin}/items`, {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-request-id')).toBe('r-1');
    expect(await response.json()).toEqual({ method: 'POST', path: '/items', body: '{"a":1}', auth: null });
  });

  it('connects to a host name only after checking its addresses', async () => {
    const port = api.port;
    const response = await fetchLocal(`http://api.test:${port}/by-name`);
    expect(await response.json()).toMatchObject({ path: '/by-name' });
  });

  it.each([
    [
      'http://10.0.0.1/admin',
      'refused to connect to 10.0.0.1: a private address (10.0.0.0/8) is not allowed',
    ],
    [
      'http://169.254.169.254/latest/meta-data/',
      'refused to connect to 169.254.169.254: the cloud metadata address (169.254.169.254/32) is not allowed',
    ],
    [
      'http://100.64.1.1/',
      'refused to connect to 100.64.1.1: a carrier-grade NAT address (100.64.0.0/10) is not allowed',
    ],
    ['http://[fd00::1]/', 'refused to connect to fd00::1: a unique-local address (fc00::/7) is not allowed'],
    [
      'http://[::ffff:10.0.0.1]/',
      'refused to connect to ::ffff:a00:1: a private address (10.0.0.0/8), inside ::ffff:a00:1 is not allowed',
    ],
    ['http://0x0a000001/', 'refused to connect to 10.0.0.1: a private address (10.0.0.0/8) is not allowed'],
  ])('refuses %s without opening a socket', async (url, message) => {
    const connect = vi.spyOn(Socket.prototype, 'connect');
    try {
      const error = await refusal(fetchLocal(url));
      expect(error).toMatchObject({ code: 'blocked_address', message });
      expect(connect).not.toHaveBeenCalled();
    } finally {
      connect.mockRestore();
    }
  });

  it('refuses loopback that the allowlist does not name, sending nothing', async () => {
    const strict = createGuardedFetch({ resolve });
    const before = api.requests.length;
    const error = await refusal(strict(`${api.origin}/secret`));
    expect(error.message).toBe(
      'refused to connect to 127.0.0.1: a loopback address (127.0.0.0/8) is not allowed',
    );
    expect(api.requests.length).toBe(before);
  });

  it.each([
    [
      'internal.test',
      'refused to connect to internal.test (10.0.0.1): a private address (10.0.0.0/8) is not allowed',
    ],
    [
      'mixed.test',
      'refused to connect to mixed.test (192.168.1.20): a private address (192.168.0.0/16) is not allowed',
    ],
    [
      'metadata.test',
      'refused to connect to metadata.test (169.254.169.254): the cloud metadata address (169.254.169.254/32) is not allowed',
    ],
  ])('refuses host %s that resolves to a private address', async (host, message) => {
    const error = await refusal(fetchLocal(`http://${host}:${api.port}/`));
    expect(error).toMatchObject({ code: 'blocked_address', message });
  });

  it('follows redirects between allowed targets, turning a POST into a GET after 303', async () => {
    const response = await fetchLocal(`${api.origin}/redirect?status=303&to=/landing`, {
      method: 'POST',
      body: 'payload',
    });
    expect(await response.json()).toMatchObject({ method: 'GET', path: '/landing', body: '' });
  });

  it('keeps method and body on a 307', async () => {
    const response = await fetchLocal(`${api.origin}/redirect?status=307&to=/again`, {
      method: 'PUT',
      body: 'payload',
    });
    expect(await response.json()).toMatchObject({ method: 'PUT', path: '/again', body: 'payload' });
  });

  it('drops credentials when a redirect leaves the origin', async () => {
    const sameOrigin = await fetchLocal(`${api.origin}/redirect?to=/echo`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(await sameOrigin.json()).toMatchObject({ auth: 'Bearer t' });
    const away = await fetchLocal(`${api.origin}/redirect?to=${encodeURIComponent(`${other.origin}/x`)}`, {
      headers: { authorization: 'Bearer t' },
    });
    expect(await away.text()).toBe('other');
    expect(other.requests.at(-1)?.headers.authorization).toBeUndefined();
  });

  it.each([
    [
      'http://10.0.0.1/internal',
      'refused to connect to 10.0.0.1: a private address (10.0.0.0/8) is not allowed',
    ],
    [
      'http://169.254.169.254/latest/meta-data/iam',
      'refused to connect to 169.254.169.254: the cloud metadata address (169.254.169.254/32) is not allowed',
    ],
    ['file:///etc/passwd', 'file:///etc/passwd is not an http(s) URL'],
  ])('refuses a redirect to %s after one socket, to the allowed server', async (target, message) => {
    const connect = vi.spyOn(Socket.prototype, 'connect');
    try {
      const error = await refusal(fetchLocal(`${api.origin}/redirect?to=${encodeURIComponent(target)}`));
      expect(error.message).toBe(message);
      expect(connect).toHaveBeenCalledTimes(1);
    } finally {
      connect.mockRestore();
    }
  });

  it('refuses a redirect to a host name that resolves to a private address before connecting', async () => {
    const connect = vi.spyOn(Socket.prototype, 'connect');
    try {
      const error = await refusal(
        fetchLocal(`${api.origin}/redirect?to=${encodeURIComponent('http://internal.test/')}`),
      );
      expect(error.message).toBe(
        'refused to connect to internal.test (10.0.0.1): a private address (10.0.0.0/8) is not allowed',
      );
      // The second socket waits on the lookup, which refuses, so it never gets a remote address.
      const sockets = connect.mock.contexts as Socket[];
      expect(sockets.map((socket) => socket.remoteAddress)).not.toContain('10.0.0.1');
    } finally {
      connect.mockRestore();
    }
  });

  it('stops after five redirects', async () => {
    const error = await refusal(fetchLocal(`${api.origin}/loop`));
    expect(error).toMatchObject({
      code: 'too_many_redirects',
      message: `${api.origin}/loop redirected more than 5 times`,
    });
  });

  it('refuses a response over the size cap, declared or streamed', async () => {
    const small = createGuardedFetch({ allow: ['127.0.0.1'], maxResponseBytes: 16 * 1024 });
    expect(await refusal(small(`${api.origin}/big`))).toMatchObject({ code: 'response_too_large' });
    expect(await refusal(small(`${api.origin}/big-declared`))).toMatchObject({
      code: 'response_too_large',
      message: `the response of 127.0.0.1:${api.port} is larger than 16384 bytes`,
    });
  });

  it('gives up on a server that does not answer in time', async () => {
    const error = await refusal(fetchLocal(`${api.origin}/hang`, { timeoutMs: 200 }));
    expect(error).toMatchObject({
      code: 'timeout',
      message: `127.0.0.1:${api.port} did not answer within 200 ms`,
    });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const error = await refusal(fetchLocal(`${api.origin}/hang`, { signal: controller.signal }));
    expect(error.code).toBe('cancelled');
  });

  it('refuses URLs that are not http(s)', async () => {
    expect(await refusal(fetchLocal('ftp://example.com/file'))).toMatchObject({ code: 'invalid_url' });
    expect(await refusal(fetchLocal('not a url'))).toMatchObject({
      code: 'invalid_url',
      message: '"not a url" is not a URL',
    });
  });
});
