import { ApiError, readApiError } from '../../api/api-error.js';
import { apiFetch } from '../../api/http.js';
import { type SseMessage, SseParser } from './sse-parser.js';

/**
 * Follows an event stream of the API with the session's bearer token. EventSource cannot send an
 * Authorization header, so the stream is read with fetch. Resolves when the server ends the
 * stream; rejects with an {@link ApiError} in the server's words when it refuses, and with the
 * abort error when `signal` aborts.
 */
export async function followEventStream(
  path: string,
  options: { readonly signal: AbortSignal; readonly onMessage: (message: SseMessage) => void },
): Promise<void> {
  const response = await apiFetch(path, {
    accept: 'text/event-stream',
    signal: options.signal,
    cache: 'no-store',
  });
  if (!response.ok) throw await readApiError(response);
  if (!response.body) throw new ApiError(0, 'no_stream', 'the browser gave no response stream to read');
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      for (const message of parser.push(value)) options.onMessage(message);
    }
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new ApiError(0, 'stream_broken', `the event stream broke off (${String(error)})`);
  } finally {
    reader.releaseLock();
  }
}
