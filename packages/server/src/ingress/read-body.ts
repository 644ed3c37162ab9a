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
