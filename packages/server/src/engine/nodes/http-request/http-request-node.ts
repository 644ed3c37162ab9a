import { parseReferences } from '../../variables/variable-reference.js';
import type { NodeDefinition } from '../node-definition.js';
import { buildRequest } from './build-request.js';
import { type HttpRequestNodeData, parseHttpRequestData, templatedTexts } from './http-request-data.js';

export interface HttpRequestNodeOptions {
  /** When the node sets no timeout. */
  readonly defaultTimeoutMs?: number;
  /** The most a node may ask for. */
  readonly maxTimeoutMs?: number;
}

/** Media types whose body is text; anything else is kept as a file, as Dify does. */
function isText(contentType: string): boolean {
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type === '' ||
    type.startsWith('text/') ||
    /^application\/(json|xml|javascript|x-www-form-urlencoded|x-ndjson)$/.test(type) ||
    /\+(json|xml)$/.test(type)
  );
}

function timeoutMs(data: HttpRequestNodeData, options: Required<HttpRequestNodeOptions>): number {
  const { connect = 0, read = 0, write = 0 } = data.timeout ?? {};
  const total = (connect + read + write) * 1000;
  return Math.min(total > 0 ? total : options.defaultTimeoutMs, options.maxTimeoutMs);
}

/** Headers for the trace, with credentials masked. */
function traceHeaders(headers: Headers, data: HttpRequestNodeData): Record<string, string> {
  const secret = new Set(['authorization', 'proxy-authorization', 'cookie']);
  if (data.authorization.type === 'api-key')
    secret.add((data.authorization.config.header || 'authorization').toLowerCase());
  return Object.fromEntries([...headers].map(([name, value]) => [name, secret.has(name) ? '***' : value]));
}

/**
 * Sends one HTTP request through the guarded fetch of the run and outputs Dify's `status_code`,
 * `body`, `headers` and `files`. Any status is a result; only a request that gets no answer fails.
 */
export function createHttpRequestNode(
  options: HttpRequestNodeOptions = {},
): NodeDefinition<HttpRequestNodeData> {
  const settings = {
    defaultTimeoutMs: options.defaultTimeoutMs ?? 30_000,
    maxTimeoutMs: options.maxTimeoutMs ?? 120_000,
  };
  return {
    type: 'http-request',
    parse: parseHttpRequestData,
    references: (data) => templatedTexts(data).flatMap(parseReferences),
    outputNames: () => ['status_code', 'body', 'headers', 'files'],
    async execute({ node, pool, context }) {
      const built = buildRequest(node.data, pool);
      if (!built.ok) return { status: 'failed', inputs: {}, error: built.error };
      const { request } = built;
      const inputs = {
        method: request.method,
        url: request.url,
        headers: traceHeaders(request.headers, node.data),
      };
      let response: Response;
      try {
        response = await context.fetch(request.url, {
          method: request.method,
          headers: request.headers,
          ...(request.body === undefined ? {} : { body: request.body }),
          signal: context.signal,
          timeoutMs: timeoutMs(node.data, settings),
        });
      } catch (error) {
        return { status: 'failed', inputs, error: error instanceof Error ? error.message : String(error) };
      }
      const contentType = response.headers.get('content-type') ?? '';
      const bytes = new Uint8Array(await response.arrayBuffer());
      const text = isText(contentType);
      return {
        status: 'succeeded',
        inputs,
        outputs: {
          status_code: response.status,
          body: text ? new TextDecoder().decode(bytes) : '',
          headers: Object.fromEntries(response.headers),
          files: text
            ? []
            : [
                {
                  filename: null,
                  mime_type: contentType,
                  size: bytes.length,
                  data_base64: Buffer.from(bytes).toString('base64'),
                },
              ],
        },
      };
    },
  };
}

export const httpRequestNode = createHttpRequestNode();
