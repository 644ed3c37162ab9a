import type { ServerResponse } from 'node:http';
import type { HttpAnswer } from '@tripline/sdk';

/** An answer in the form it is both sent and stored: the body already serialised. */
export interface IngressAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';

/** The contract's error shape, `{"error": {"code", "message"}}`. */
export function errorAnswer(
  status: number,
  code: string,
  message: string,
  headers?: Readonly<Record<string, string>>,
): IngressAnswer {
  return {
    status,
    headers: { 'content-type': JSON_TYPE, ...headers },
    body: JSON.stringify({ error: { code, message } }),
  };
}

/** An integration's answer: a string body goes as it is, anything else as JSON. */
export function integrationAnswer(answer: HttpAnswer): IngressAnswer {
  const headers: Record<string, string> = {};
  let hasType = false;
  if (answer.headers) {
    for (const name in answer.headers) {
      const value = answer.headers[name];
      if (value === undefined) continue;
      const lower = name.toLowerCase();
      if (lower === 'content-type') hasType = true;
      headers[lower] = value;
    }
  }
  let body = '';
  if (typeof answer.body === 'string') {
    body = answer.body;
    if (!hasType && body !== '') headers['content-type'] = TEXT_TYPE;
  } else if (answer.body !== undefined) {
    body = JSON.stringify(answer.body);
    if (!hasType) headers['content-type'] = JSON_TYPE;
  }
  return { status: answer.status, headers, body };
}

/** Writes an answer; `extra` headers (e.g. a duplicate marker) are added on top. */
export function sendAnswer(
  res: ServerResponse,
  answer: IngressAnswer,
  extra?: Readonly<Record<string, string>>,
): void {
  if (res.headersSent || res.destroyed) return;
  res.statusCode = answer.status;
  for (const name in answer.headers) {
    const value = answer.headers[name];
    if (value !== undefined) res.setHeader(name, value);
  }
  if (extra) for (const name in extra) res.setHeader(name, extra[name] as string);
  res.setHeader('content-length', Buffer.byteLength(answer.body));
  res.end(answer.body);
}

/** Mebibytes for a limit in bytes, as people read it: 25 MiB, 1.5 MiB. */
export function describeBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  if (mib >= 1) return `${bytes} bytes (${Number(mib.toFixed(2))} MiB)`;
  return `${bytes} bytes`;
}
