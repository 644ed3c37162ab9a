/** The wait after the first failed refresh of a credential; it doubles with each failure in a row. */
export const REFRESH_BACKOFF_BASE_MS = 60_000;
/** The longest wait between two refreshes of a credential that keep failing. */
export const REFRESH_BACKOFF_MAX_MS = 60 * 60_000;

/**
 * How long a credential is left alone after `failures` refreshes in a row failed for reasons other
 * than the credentials (the provider down, a network error): 1 minute doubling up to an hour,
 * jittered by ±20% so credentials that failed together are not all tried again together.
 */
export function refreshBackoffMs(failures: number, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  const delay = Math.min(REFRESH_BACKOFF_MAX_MS, REFRESH_BACKOFF_BASE_MS * 2 ** exponent);
  const jittered = delay * (0.8 + 0.4 * random());
  return Math.round(Math.min(REFRESH_BACKOFF_MAX_MS, Math.max(REFRESH_BACKOFF_BASE_MS, jittered)));
}
