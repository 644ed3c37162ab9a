import type { ListenerMessage } from './listener-registry.js';
import type { ListenerTable } from './listener-table.js';
import { reviveListener, type StoredListener } from './redis-listener-records.js';

/** What goes over the listeners channel: each change a process makes to the listeners it shares. */
export type ListenerSignal =
  | { readonly kind: 'opened'; readonly listener: StoredListener }
  | { readonly kind: 'renewed'; readonly id: string; readonly expiresAt: string }
  | { readonly kind: 'captured'; readonly id: string; readonly runId: string }
  | { readonly kind: 'message'; readonly id: string; readonly message: ListenerMessage };

/**
 * The stream messages another process cannot derive from internal events: they are signalled to
 * all. Run progress is not, as every process hears it as internal events.
 */
export const SHARED_MESSAGES: ReadonlySet<ListenerMessage['type']> = new Set([
  'captured',
  'cancelled',
  'result',
]);

/**
 * Applies another process's signal to this process's copy of the listeners. Repeats are harmless:
 * a listener held already is not added again, a capture needs a waiting listener, and a done
 * listener's stream takes nothing more.
 */
export function mirrorListenerSignal(table: ListenerTable, signal: ListenerSignal): void {
  switch (signal.kind) {
    case 'opened':
      table.add(reviveListener(signal.listener));
      return;
    case 'renewed':
      table.setExpiry(signal.id, new Date(signal.expiresAt));
      return;
    case 'captured':
      table.capture(signal.id, signal.runId);
      return;
    case 'message':
      table.deliver(signal.id, signal.message);
      return;
    default:
      signal satisfies never;
  }
}
