const TONE: Record<string, string> = {
  succeeded: 'ok',
  failed: 'bad',
  running: 'warn',
  queued: '',
  skipped: '',
};

/** A run's (or a node's) status as a coloured badge. */
export function RunStatusBadge({ status }: { readonly status: string }) {
  return <span className={`badge ${TONE[status] ?? ''}`.trim()}>{status}</span>;
}
