import { once } from 'node:events';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defineIntegration, header, verifyGitHubSignature } from '@tripline/sdk';
import type { NewRequestLog } from '../store/records.js';
import type { DeliveryReceipt, DeliveryWriter } from '../store/store.js';

/** A small GitHub-like integration, so the handler can be tested before and apart from the real one. */
export const hooksIntegration = defineIntegration({
  id: 'hooks',
  name: 'Hooks',
  description: 'GitHub-shaped test deliveries.',
  icon: 'data:image/svg+xml,<svg/>',
  subscription: {
    methods: ['manual'],
    properties: [{ name: 'webhook_secret', label: 'Secret', type: 'secret' }],
  },
  events: [
    { name: 'push', label: 'Push', description: 'A push.', parameters: [], outputSchema: {} },
    { name: 'issues', label: 'Issues', description: 'An issue.', parameters: [], outputSchema: {} },
  ],
  verify: ({ request, properties }) =>
    verifyGitHubSignature(request, String(properties.webhook_secret ?? '')),
  parse: (request) => {
    const type = header(request, 'content-type') ?? '';
    if (!type.startsWith('application/json')) {
      return { ok: false, status: 415, reason: `content type "${type}" is not application/json` };
    }
    let payload: { action?: string };
    try {
      payload = JSON.parse(Buffer.from(request.body).toString('utf8'));
    } catch {
      return { ok: false, status: 400, reason: 'body is not valid JSON' };
    }
    const name = header(request, 'x-github-event') ?? '';
    const deliveryId = header(request, 'x-github-delivery');
    const response = { status: 200, body: { ok: true, event: name } };
    if (name === 'ping') return { ok: true, deliveryId, events: [], response };
    if (name !== 'push' && name !== 'issues')
      return { ok: false, status: 400, reason: `unknown event "${name}"` };
    return { ok: true, deliveryId, events: [{ name, action: payload.action, payload }], response };
  },
});

/** An in-memory writer with the store's duplicate rule; `fail` makes the next writes throw. */
export class MemoryDeliveryWriter implements DeliveryWriter {
  readonly logs: NewRequestLog[] = [];
  fail = false;

  async write(log: NewRequestLog): Promise<DeliveryReceipt> {
    await Promise.resolve();
    if (this.fail) throw new Error('disk full');
    const first = log.deliveryId
      ? this.logs.find(
          (row) =>
            row.endpointId === log.endpointId &&
            row.deliveryId === log.deliveryId &&
            row.outcome !== 'duplicate',
        )
      : undefined;
    if (first && (log.outcome === 'accepted' || log.outcome === 'no_events')) {
      this.logs.push({ ...log, outcome: 'duplicate', dispatchState: 'none' });
      return {
        duplicate: true,
        id: log.id,
        original: {
          id: first.id,
          responseStatus: first.responseStatus,
          responseHeaders: first.responseHeaders,
          responseBody: first.responseBody,
        },
      };
    }
    this.logs.push(log);
    return { duplicate: false, id: log.id };
  }

  async close(): Promise<void> {}
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** Listens on 127.0.0.1 with a handler; `close` ends keep-alive sockets too. */
export async function listen(
  handler: http.RequestListener,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = http.createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}

/** One request over node:http (fetch hides early answers to bodies still being sent). */
export function send(
  url: string,
  input: {
    readonly method?: string;
    readonly headers?: Readonly<Record<string, string | number>>;
    readonly body?: string | Buffer;
    /** Sends the body in these chunks, without Content-Length, a tick apart. */
    readonly chunks?: readonly Buffer[];
  } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: input.method ?? 'POST', headers: input.headers, agent: false },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (part: Buffer) => parts.push(part));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: Buffer.concat(parts).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    // A server that refuses a body early may close while we still write (EPIPE, ECONNRESET): the
    // answer is what counts, and it may arrive just after the write failed. Give it a moment.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') return reject(error);
      setTimeout(() => reject(error), 2_000).unref();
    });
    if (input.chunks) {
      const chunks = [...input.chunks];
      const next = (): void => {
        const chunk = chunks.shift();
        if (chunk === undefined || req.destroyed) {
          req.end();
          return;
        }
        req.write(chunk, () => setImmediate(next));
      };
      next();
    } else {
      req.end(input.body);
    }
  });
}
