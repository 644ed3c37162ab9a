import type { IncomingMessage } from 'node:http';

export type BodyResult =
  | { readonly kind: 'complete'; readonly body: Buffer }
  /** Past the limit, by Content-Length or while streaming; reading stopped. */
  | { readonly kind: 'too_large' }
  /** The client went away before the body ended. */
  | { readonly kind: 'aborted' };

const TOO_LARGE: BodyResult = { kind: 'too_large' };
const ABORTED: BodyResult = { kind: 'aborted' };
const EMPTY = Buffer.alloc(0);

/**
 * Reads a request body into memory, refusing at once when Content-Length is over `limit` and
 * stopping as soon as a streamed body grows past it: memory per request is bounded by the limit.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve(TOO_LARGE);
  // Gone while the endpoint was being looked up: 'close' was already emitted and won't be again.
  if (req.destroyed) return Promise.resolve(ABORTED);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onClose);
      req.off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        req.pause();
        finish(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      const body =
        chunks.length === 1 ? (chunks[0] as Buffer) : size === 0 ? EMPTY : Buffer.concat(chunks, size);
      finish({ kind: 'complete', body });
    };
    // 'close' before 'end', or a socket error: nothing complete to work with.
    const onClose = (): void => finish(ABORTED);
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onClose);
    req.on('close', onClose);
  });
}

/** How long a refused body may keep arriving before the connection is cut. */
const DISCARD_MS = 10_000;
/** How much of a refused body is read and dropped at most (GitHub sends up to 25 MiB). */
const DISCARD_BYTES = 32 * 1024 * 1024;

/**
 * Reads and drops the rest of a body refused as too large, so that the sender receives the 413:
 * closing a socket with unread data makes the kernel reset the connection, and a reset can
 * destroy the answer before the client reads it. The sender gets at most 32 MiB (or the limit,
 * if larger) and 10 seconds more; past either, the connection is cut.
 */
export function discardRest(req: IncomingMessage, limit: number): void {
  const allowance = Math.max(limit, DISCARD_BYTES);
  if (req.readableEnded || req.destroyed) return;
  let discarded = 0;
  const cut = (): void => {
    req.socket.destroy();
  };
  const timer = setTimeout(cut, DISCARD_MS);
  timer.unref();
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > allowance) cut();
  });
  req.once('end', () => clearTimeout(timer));
  req.once('close', () => clearTimeout(timer));
  req.resume();
}
