import type { IncomingMessage } from 'node:http';
import { GuardedFetchError } from './guarded-fetch-error.js';

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export interface RawResponse {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: Buffer;
}

/** Reads a whole response, refusing it as soon as it grows past `maxBytes`. */
export function collectResponse(response: IncomingMessage, maxBytes: number, url: URL): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const tooLarge = () =>
      new GuardedFetchError(
        'response_too_large',
        `the response of ${url.host} is larger than ${maxBytes} bytes`,
      );
    if (Number(response.headers['content-length'] ?? 0) > maxBytes) {
      response.destroy();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    response.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        response.destroy();
        reject(tooLarge());
      } else {
        chunks.push(chunk);
      }
    });
    response.on('error', reject);
    response.on('end', () => {
      const headers = new Headers();
      for (let index = 0; index + 1 < response.rawHeaders.length; index += 2) {
        headers.append(response.rawHeaders[index] ?? '', response.rawHeaders[index + 1] ?? '');
      }
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? '',
        headers,
        body: Buffer.concat(chunks),
      });
    });
  });
}

/** A fetch Response of a read response; statuses without a body get none. */
export function toResponse(raw: RawResponse, method: string): Response {
  if (raw.status < 200 || raw.status > 599) {
    throw new GuardedFetchError('network', `the server answered with status ${raw.status}`);
  }
  const empty = NULL_BODY_STATUSES.has(raw.status) || method === 'HEAD';
  return new Response(empty ? null : raw.body, {
    status: raw.status,
    statusText: raw.statusText,
    headers: raw.headers,
  });
}
