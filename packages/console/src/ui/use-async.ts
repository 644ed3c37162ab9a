import { useCallback, useEffect, useRef, useState } from 'react';

export interface AsyncState<T> {
  readonly data: T | undefined;
  readonly error: Error | undefined;
  readonly loading: boolean;
  /** Loads again (after a change, or on a timer for live panels). */
  reload(): void;
}

/**
 * Loads data for a page and keeps loading, error and data apart, so every page shows all three
 * states the same way. A reload keeps the previous data on screen while it runs.
 */
export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true });
  const generation = useRef(0);
  const latestLoad = useRef(load);
  latestLoad.current = load;
  // The caller's deps (ids from the route) decide when to load again, compared by value.
  const key = JSON.stringify(deps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the caller's deps
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((previous) => ({ ...previous, loading: true }));
    latestLoad.current().then(
      (data) => {
        if (mine === generation.current) setState({ data, loading: false });
      },
      (error: unknown) => {
        if (mine === generation.current)
          setState((previous) => ({
            data: previous.data,
            error: error instanceof Error ? error : new Error(String(error)),
            loading: false,
          }));
      },
    );
  }, [key]);
  useEffect(run, [run]);
  return { data: state.data, error: state.error, loading: state.loading, reload: run };
}

/** Calls `tick` every `ms` while the component is shown (live request logs, run progress). */
export function useInterval(tick: () => void, ms: number | undefined): void {
  const latest = useRef(tick);
  latest.current = tick;
  useEffect(() => {
    if (ms === undefined) return undefined;
    const timer = setInterval(() => latest.current(), ms);
    return () => clearInterval(timer);
  }, [ms]);
}
