import type { RequestOutcome } from '../../../api/request-log-types.js';

const TONES: Readonly<Record<RequestOutcome, string>> = {
  accepted: 'ok',
  no_events: '',
  duplicate: 'warn',
  unauthorized: 'bad',
  unreadable: 'bad',
  too_large: 'bad',
};

/** What became of a request: accepted, no_events, duplicate, unauthorized, unreadable, too_large. */
export function OutcomeBadge({ outcome }: { readonly outcome: RequestOutcome }) {
  return <span className={`badge ${TONES[outcome]}`}>{outcome.replace('_', ' ')}</span>;
}

/** `push`, `pull_request.opened` */
export function eventNames(events: readonly { readonly name: string; readonly action?: string }[]): string {
  if (events.length === 0) return '—';
  return events.map((event) => (event.action ? `${event.name}.${event.action}` : event.name)).join(', ');
}
