import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleError, handleNotFound } from '../api/error-handler.js';
import { startTestServer } from '../test-server.test-helpers.js';
import { consoleDir } from './console-files.js';
import { consoleRoutes } from './console-routes.js';

/** A console build in a temp dir, with a secret beside it that must never be served. */
function fakeBuild(): { readonly root: string; readonly dist: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'tripline-console-'));
  const dist = path.join(root, 'dist');
  mkdirSync(path.join(dist, 'assets', 'nested'), { recursive: true });
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(path.join(dist, 'assets', 'logo-abc123.svg'), '<svg/>');
  writeFileSync(path.join(dist, 'assets', 'blob-abc123.xyz'), 'bytes');
  writeFileSync(path.join(dist, 'assets', '.hidden'), 'dot-file');
  writeFileSync(path.join(dist, 'secret.txt'), 'beside index.html');
  writeFileSync(path.join(root, 'outside.txt'), 'outside the build');
  return { root, dist };
}

/** Sends the path exactly as written (fetch would normalise `..` away before it left). */
function rawGet(base: string, rawPath: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: rawPath, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function consoleApp(dir: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setErrorHandler(handleError);
  app.setNotFoundHandler(handleNotFound);
  await app.register((root) => consoleRoutes(root, { dir }));
  return app;
}

describe('console routes', () => {
  const build = fakeBuild();
  let app: FastifyInstance;
  let base: string;

  beforeAll(async () => {
    app = await consoleApp(build.dist);
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app.close();
    rmSync(build.root, { recursive: true, force: true });
  });

  it('answers index.html at / for every load to check again, with a strict content policy', async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(await response.text()).toContain('<title>console</title>');
  });

  it('answers hashed assets with their content type and a year-long immutable cache', async () => {
    const expected: Record<string, string> = {
      'index-abc123.js': 'text/javascript; charset=utf-8',
      'index-abc123.css': 'text/css; charset=utf-8',
      'logo-abc123.svg': 'image/svg+xml',
      'blob-abc123.xyz': 'application/octet-stream',
    };
    for (const [name, type] of Object.entries(expected)) {
      const response = await fetch(`${base}/assets/${name}`);
      expect(response.status, name).toBe(200);
      expect(response.headers.get('content-type'), name).toBe(type);
      expect(response.headers.get('cache-control'), name).toBe('public, max-age=31536000, immutable');
      expect(response.headers.get('x-content-type-options'), name).toBe('nosniff');
    }
    expect(await (await fetch(`${base}/assets/index-abc123.js`)).text()).toBe('console.log(1)');
  });

  it('answers 304 when the browser already has the same file', async () => {
    const first = await fetch(`${base}/assets/index-abc123.js`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const again = await fetch(`${base}/assets/index-abc123.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it.each([
    '/assets/../secret.txt',
    '/assets/../../outside.txt',
    '/assets/%2e%2e/secret.txt',
    '/assets/%2e%2e%2f%2e%2e%2foutside.txt',
    '/assets/..%2f..%2foutside.txt',
    '/assets/nested/..%2f..%2fsecret.txt',
    '/assets/..%5csecret.txt',
    '/assets/index-abc123.js%00.css',
    '/assets/%2fetc%2fpasswd',
    '/assets/.hidden',
    '/assets/%ZZ',
  ])('never answers a file outside the assets or a hidden one: %s', async (rawPath) => {
    const response = await rawGet(base, rawPath);
    // 400 for a path that is not valid percent-encoding (Fastify refuses it before routing).
    expect([400, 404]).toContain(response.status);
    expect(response.body).not.toContain('beside index.html');
    expect(response.body).not.toContain('outside the build');
    expect(response.body).not.toContain('dot-file');
  });

  it('lists no directory', async () => {
    for (const route of ['/assets/', '/assets/nested', '/assets/nested/', '/assets']) {
      const response = await fetch(`${base}${route}`);
      expect(response.status, route).toBe(404);
      expect(await response.json(), route).toMatchObject({ error: { code: 'not_found' } });
    }
  });

  it('serves only / and /assets/: other files of the build stay unreachable', async () => {
    expect((await fetch(`${base}/secret.txt`)).status).toBe(404);
    expect((await fetch(`${base}/index.html`)).status).toBe(404);
  });
});

describe('console routes before a build', () => {
  it('answer / with a page that says how to build the console', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'tripline-console-empty-'));
    const app = await consoleApp(path.join(empty, 'dist'));
    try {
      const response = await app.inject({ method: 'GET', url: '/' });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.body).toContain('npm run build');
      expect((await app.inject({ method: 'GET', url: '/assets/index.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('consoleDir', () => {
  it('finds the console package build beside the server package', () => {
    expect(consoleDir({})).toBe(path.resolve(import.meta.dirname, '../../../console/dist') + path.sep);
  });

  it('takes TRIPLINE_CONSOLE_DIR, relative to the working directory', () => {
    expect(consoleDir({ TRIPLINE_CONSOLE_DIR: 'build/console' }, '/srv/tripline')).toBe(
      path.resolve('/srv/tripline/build/console'),
    );
  });
});

describe('the server', () => {
  it('serves the console at / from TRIPLINE_CONSOLE_DIR and leaves the API, docs and probes alone', async () => {
    const build = fakeBuild();
    const server = await startTestServer({ TRIPLINE_CONSOLE_DIR: build.dist });
    try {
      const index = await fetch(`${server.url}/`);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('<title>console</title>');
      expect((await fetch(`${server.url}/assets/index-abc123.js`)).status).toBe(200);

      const unknownApi = await server.api('GET', '/api/v1/no-such-thing');
      expect(unknownApi.status).toBe(404);
      expect(unknownApi.json).toMatchObject({ error: { code: 'not_found' } });
      expect((await server.api('GET', '/api/v1/integrations')).status).toBe(200);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${server.url}/docs`, { redirect: 'manual' })).status).toBeLessThan(400);
      const openapi = await fetch(`${server.url}/openapi.json`);
      expect(openapi.status).toBe(200);
      const paths = Object.keys(((await openapi.json()) as { paths: Record<string, unknown> }).paths);
      expect(paths).not.toContain('/');
      expect(paths.some((route) => route.startsWith('/assets'))).toBe(false);
    } finally {
      await server.stop();
      rmSync(build.root, { recursive: true, force: true });
    }
  });
});
