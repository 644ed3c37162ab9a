export interface SseEvent {
  readonly event: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary event data by path and assert on it
  readonly data: any;
}

/**
 * Follows an event stream until it ends (or `until` returns true), collecting its events. Resolves
 * `opened` once the response headers came, so a test can send the event after listening began.
 */
export function followEvents(
  url: string,
  token: string,
  options: { readonly timeoutMs?: number } = {},
): {
  readonly opened: Promise<number>;
  readonly events: Promise<SseEvent[]>;
  /** Disconnects; `events` then resolves with what came so far. */
  close(): void;
} {
  const controller = new AbortController();
  let markOpened: (status: number) => void = () => {};
  const opened = new Promise<number>((resolve) => {
    markOpened = resolve;
  });
  const events = (async () => {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: AbortSignal.any([controller.signal, AbortSignal.timeout(options.timeoutMs ?? 10_000)]),
    });
    markOpened(response.status);
    const collected: SseEvent[] = [];
    if (!response.body) return collected;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body) {
        buffered += decoder.decode(chunk, { stream: true });
        let end = buffered.indexOf('\n\n');
        while (end !== -1) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const lines = block.split('\n').filter((line) => !line.startsWith(':'));
          const event = lines.find((line) => line.startsWith('event: '))?.slice(7);
          const data = lines.find((line) => line.startsWith('data: '))?.slice(6);
          if (event !== undefined)
            collected.push({ event, data: data === undefined ? undefined : JSON.parse(data) });
          end = buffered.indexOf('\n\n');
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
    return collected;
  })();
  return { opened, events, close: () => controller.abort() };
}
