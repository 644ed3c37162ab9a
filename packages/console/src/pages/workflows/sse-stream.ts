import { ApiError, currentSessionToken } from '../../api/http.js';
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
  const token = currentSessionToken();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(new URL(`/api/v1${path}`, window.location.origin), {
      headers,
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (error) {
    if (options.signal.aborted) throw error;
    throw new ApiError(0, 'network_error', `the server did not answer (${String(error)}); is it running?`);
  }
  if (!response.ok) throw await streamError(response);
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

async function streamError(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) {
      return new ApiError(response.status, parsed.error.code ?? 'error', parsed.error.message);
    }
  } catch {
    // Not JSON: the status line says what there is to say.
  }
  return new ApiError(
    response.status,
    'http_error',
    `the server answered ${response.status} ${response.statusText}`,
  );
}
