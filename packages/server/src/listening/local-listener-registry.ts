import type { Clock } from '@tripline/sdk';
import { expiryFrom, LISTENER_TTL_MS, openListener } from './listener-lifetime.js';
import type { Listener, ListenerMessage, ListenerRegistry, NewListener } from './listener-registry.js';
import { ListenerTable } from './listener-table.js';

/**
 * Listeners in this process's memory. Expiry is checked lazily against the injected clock
 * whenever listeners are looked at, so no timer keeps the process busy.
 */
export class LocalListenerRegistry implements ListenerRegistry {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #table = new ListenerTable();

  constructor(options: { readonly clock: Clock; readonly ttlMs?: number }) {
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs ?? LISTENER_TTL_MS;
  }

  open(listener: NewListener): Listener {
    this.#sweep();
    const opened = openListener(listener, this.#clock.now(), this.#ttlMs);
    this.#table.add(opened);
    return opened;
  }

  get(workspaceId: string, id: string): Listener | undefined {
    this.#sweep();
    return this.#table.get(workspaceId, id);
  }

  renew(id: string): Date | undefined {
    this.#sweep();
    return this.#table.setExpiry(id, expiryFrom(this.#clock.now(), this.#ttlMs))?.expiresAt;
  }

  waiting(): readonly Listener[] {
    this.#sweep();
    return this.#table.waiting();
  }

  capture(id: string, runId: string): boolean {
    this.#sweep();
    return this.#table.capture(id, runId);
  }

  listenerOfRun(runId: string): string | undefined {
    return this.#table.listenerOfRun(runId);
  }

  cancel(id: string): boolean {
    this.#sweep();
    const listener = this.#table.find(id);
    if (!listener) return false;
    // The run goes on; only its progress stops reaching this listener's stream.
    if (listener.state !== 'done') this.publish(id, { type: 'cancelled' });
    return true;
  }

  publish(id: string, message: ListenerMessage): void {
    this.#table.deliver(id, message);
  }

  subscribe(id: string, onMessage: (message: ListenerMessage) => void): (() => void) | undefined {
    this.#sweep();
    return this.#table.subscribe(id, onMessage);
  }

  #sweep(): void {
    this.#table.sweep(this.#clock.now());
  }
}
