/** A run's abort signal: its parent's (the queue stopping) or its time limit, whichever first. */
export interface RunSignal {
  readonly signal: AbortSignal;
  /** Whether the time limit, rather than the parent, aborted it. */
  timedOut(): boolean;
  /** Clears the timer and the parent listener; call when the run ends. */
  dispose(): void;
}

/**
 * AbortSignal.timeout keeps a timer per run for its whole limit (minutes) and AbortSignal.any
 * registers each run with the long-lived parent; at thousands of runs a second both cost
 * collection work. One controller, a cleared timer and a removed listener leave nothing behind.
 */
export function runSignal(parent: AbortSignal | undefined, timeoutMs: number): RunSignal {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(new Error('the run took longer than its time limit'));
  }, timeoutMs);
  // A run must not keep the process alive on its own.
  timer.unref();
  const onAbort = (): void => controller.abort(parent?.reason);
  if (parent?.aborted) onAbort();
  else parent?.addEventListener('abort', onAbort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      parent?.removeEventListener('abort', onAbort);
    },
  };
}
