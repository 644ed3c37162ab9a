import type { WebhookContentType } from './webhook-data.js';
import type { FormValue, WebhookFile } from './webhook-values.js';

export type ParsedBody =
  | { readonly ok: true; readonly kind: 'json'; readonly value: unknown }
  | { readonly ok: true; readonly kind: 'form'; readonly value: Readonly<Record<string, FormValue>> }
  | { readonly ok: true; readonly kind: 'text'; readonly value: string }
  | { readonly ok: true; readonly kind: 'file'; readonly value: WebhookFile }
  | { readonly ok: false; readonly message: string };

/** Reads a request body as the trigger's content type says. */
export async function parseWebhookBody(
  contentType: WebhookContentType,
  body: Uint8Array,
  contentTypeHeader: string,
): Promise<ParsedBody> {
  const text = (): string => new TextDecoder().decode(body);
  switch (contentType) {
    case 'application/json': {
      if (body.length === 0) return { ok: true, kind: 'json', value: {} };
      try {
        return { ok: true, kind: 'json', value: JSON.parse(text()) as unknown };
      } catch {
        return { ok: false, message: 'body is not valid JSON' };
      }
    }
    case 'application/x-www-form-urlencoded':
      return { ok: true, kind: 'form', value: groupValues(new URLSearchParams(text())) };
    case 'multipart/form-data':
      return parseMultipart(body, contentTypeHeader);
    case 'text/plain':
      return { ok: true, kind: 'text', value: text() };
    case 'application/octet-stream':
      return {
        ok: true,
        kind: 'file',
        value: toFile(body, null, contentTypeHeader || 'application/octet-stream'),
      };
    default: {
      const exhaustive: never = contentType;
      return { ok: false, message: `content type ${String(exhaustive)} is not supported` };
    }
  }
}

async function parseMultipart(body: Uint8Array, contentTypeHeader: string): Promise<ParsedBody> {
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentTypeHeader } }).formData();
  } catch {
    return { ok: false, message: 'body is not valid multipart/form-data' };
  }
  const entries: Array<[string, string | WebhookFile]> = [];
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') entries.push([name, value]);
    else
      entries.push([
        name,
        toFile(
          new Uint8Array(await value.arrayBuffer()),
          value.name,
          value.type || 'application/octet-stream',
        ),
      ]);
  }
  return { ok: true, kind: 'form', value: groupValues(entries) };
}

/** One value per name, or a list when a name repeats (`tag=a&tag=b`). */
function groupValues<T>(entries: Iterable<readonly [string, T]>): Record<string, T | T[]> {
  const grouped = new Map<string, T | T[]>();
  for (const [name, value] of entries) {
    const existing = grouped.get(name);
    if (existing === undefined) grouped.set(name, value);
    else grouped.set(name, Array.isArray(existing) ? [...existing, value] : [existing, value]);
  }
  return Object.fromEntries(grouped);
}

function toFile(bytes: Uint8Array, filename: string | null, mimeType: string): WebhookFile {
  return {
    filename,
    mime_type: mimeType,
    size: bytes.length,
    data_base64: Buffer.from(bytes).toString('base64'),
  };
}
