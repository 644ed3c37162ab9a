import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { discardRest, readBody } from './read-body.js';

/** A server that refuses bodies over `limit` with 413, as the ingress does. */
async function refusingServer(limit: number) {
  const server = http.createServer(async (req, res) => {
    const read = await readBody(req, limit);
    if (read.kind === 'too_large') discardRest(req, limit);
    res.writeHead(read.kind === 'too_large' ? 413 : 200, { 'content-type': 'text/plain' });
    res.end(read.kind);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port };
}

/**
 * Streams `chunks` without Content-Length; settles once the answer has ended and the body was
 * either sent whole or failed, reporting write failures (a reset shows as EPIPE or ECONNRESET).
 */
function stream(port: number, chunks: readonly Buffer[]) {
  return new Promise<{ status: number; errors: string[] }>((resolve, reject) => {
    const errors: string[] = [];
    let status: number | undefined;
    let sent = false;
    const settle = (): void => {
      if (status !== undefined && sent) resolve({ status, errors });
    };
    const req = http.request({ port, host: '127.0.0.1', method: 'POST', path: '/' }, (res) => {
      res.resume();
      res.on('end', () => {
        status = res.statusCode ?? 0;
        settle();
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      errors.push(error.code ?? error.message);
      sent = true;
      settle();
      setTimeout(() => reject(new Error(`no answer after ${errors.join(', ')}`)), 1_000).unref();
    });
    req.on('finish', () => {
      sent = true;
      settle();
    });
    const rest = [...chunks];
    const next = (): void => {
      const chunk = rest.shift();
      if (chunk === undefined || req.destroyed) return void req.end();
      req.write(chunk, () => setImmediate(next));
    };
    next();
  });
}

describe('a body refused as too large', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  it('is read and dropped, so a sender still writing gets the 413 and no reset', async () => {
    const { server, port } = await refusingServer(64 * 1024);
    close = () => {
      server.closeAllConnections();
      server.close();
    };
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const reply = await stream(
        port,
        Array.from({ length: 256 }, () => Buffer.alloc(64 * 1024, 0x20)),
      );
      expect(reply).toEqual({ status: 413, errors: [] });
    }
  });
});
