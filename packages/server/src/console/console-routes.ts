import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from '../domain/errors.js';
import { contentTypeFor, resolveFile } from './console-files.js';
import { NOT_BUILT_PAGE } from './not-built-page.js';

export interface ConsoleRoutesOptions {
  /** The console build (packages/console/dist): index.html and assets/. */
  readonly dir: string;
}

/** Vite names every asset by its content hash, so a cached copy never goes stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: browsers check it again on every load. */
const REVALIDATE = 'no-cache';

/**
 * The web console at `/`: index.html there, the hashed build under /assets/. Only these two routes,
 * so everything else (/api, /triggers, /oauth, /docs, health and metrics) keeps its own handlers
 * and its own 404s. Files are read per request, so a rebuild shows without a restart.
 */
export async function consoleRoutes(app: FastifyInstance, options: ConsoleRoutesOptions): Promise<void> {
  const hidden = { schema: { hide: true } };
  const assets = path.join(options.dir, 'assets');

  app.get('/', hidden, async (request, reply) => {
    const index = await resolveFile(options.dir, 'index.html');
    if (!index) {
      return withPageHeaders(reply)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT_PAGE);
    }
    return sendFile(request, withPageHeaders(reply), index, REVALIDATE);
  });

  app.get<{ Params: { '*': string } }>('/assets/*', hidden, async (request, reply) => {
    const file = await resolveFile(assets, request.params['*']);
    if (!file) throw new HttpError(404, 'not_found', `the console has no file ${request.url}`);
    return sendFile(request, reply, file, IMMUTABLE);
  });
}

/** index.html runs the console: it loads only its own scripts and is never framed. */
function withPageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    )
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'no-referrer');
}

async function sendFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: { readonly file: string; readonly size: number; readonly modified: Date },
  cacheControl: string,
): Promise<FastifyReply> {
  const etag = `W/"${file.size.toString(16)}-${file.modified.getTime().toString(16)}"`;
  reply
    .header('cache-control', cacheControl)
    .header('etag', etag)
    .header('x-content-type-options', 'nosniff')
    .type(contentTypeFor(file.file));
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.send(await readFile(file.file));
}
