import { stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the built console lives and how its files are answered. The server package sits beside the
 * console package in the repository (src/ and dist/ are both two levels down), so the build is
 * found from this module's own address; TRIPLINE_CONSOLE_DIR points elsewhere (a container image
 * that copies the build to its own place).
 */
export function consoleDir(env: Readonly<Record<string, string | undefined>>, cwd = process.cwd()): string {
  const configured = env.TRIPLINE_CONSOLE_DIR;
  if (configured) return path.resolve(cwd, configured);
  return fileURLToPath(new URL('../../../console/dist/', import.meta.url));
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The Content-Type for a file name; unknown kinds are bytes, never sniffed into HTML. */
export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` a URL path names, or undefined when it names nothing servable: an empty
 * name, a directory (there is no listing), a dot-file, `..`, a backslash, a NUL byte, or anything
 * that resolves outside `root`. `relative` is the URL path after the route's prefix, still encoded.
 */
export async function resolveFile(
  root: string,
  relative: string,
): Promise<{ readonly file: string; readonly size: number; readonly modified: Date } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded === '' || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((segment) => segment === '' || segment.startsWith('.'))) return undefined;
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  if (!file.startsWith(base + path.sep)) return undefined;
  try {
    const info = await stat(file);
    return info.isFile() ? { file, size: info.size, modified: info.mtime } : undefined;
  } catch {
    return undefined;
  }
}
