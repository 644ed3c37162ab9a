import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RawRequest } from '@tripline/sdk';

/** A local endpoint that records every request as raw bytes, as the ingress receives them. */
export interface WebhookReceiver {
  /** e.g. `http://127.0.0.1:PORT/triggers/plugin/abc`. */
  url(path?: string): string;
  readonly received: RawRequest[];
  /** What the next requests are answered with; 200 `{"ok":true}` unless set. */
  answerWith(status: number, body: string): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: RawRequest[] = [];
  let answer = { status: 200, body: '{"ok":true}' };
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    received.push({
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers,
      body: new Uint8Array(Buffer.concat(chunks)),
    });
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (path = '/triggers/plugin/endpoint-1') => `${base}${path}`,
    received,
    answerWith(status, body) {
      answer = { status, body };
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
