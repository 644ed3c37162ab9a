import type { Clock } from '@tripline/sdk';
import { newId } from '../domain/ids.js';
import {
  FINAL_LISTENER_MESSAGES,
  type Listener,
  type ListenerMessage,
  type ListenerRegistry,
  type ListenerState,
  type NewListener,
} from './listener-registry.js';

/** Dify's listening window: a debugger that went away stops listening soon. */
export const LISTENER_TTL_MS = 5 * 60_000;

interface Entry {
  listener: Listener;
  readonly history: ListenerMessage[];
  readonly subscribers: Set<(message: ListenerMessage) => void>;
}

/**
 * Listeners in this process's memory. Expiry is checked lazily against the injected clock
 * whenever listeners are looked at, so no timer keeps the process busy.
 */
export class LocalListenerRegistry implements ListenerRegistry {
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #entries = new Map<string, Entry>();
  readonly #runs = new Map<string, string>();

  constructor(options: { readonly clock: Clock; readonly ttlMs?: number }) {
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs ?? LISTENER_TTL_MS;
  }

  open(listener: NewListener): Listener {
    this.#sweep();
    const opened: Listener = {
      ...listener,
      id: newId(),
      state: 'waiting',
      expiresAt: new Date(this.#clock.now() + this.#ttlMs),
    };
    this.#entries.set(opened.id, { listener: opened, history: [], subscribers: new Set() });
    return opened;
  }

  get(workspaceId: string, id: string): Listener | undefined {
    this.#sweep();
    const listener = this.#entries.get(id)?.listener;
    return listener?.workspaceId === workspaceId ? listener : undefined;
  }

  renew(id: string): Date | undefined {
    this.#sweep();
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    const expiresAt = new Date(this.#clock.now() + this.#ttlMs);
    entry.listener = { ...entry.listener, expiresAt };
    return expiresAt;
  }

  waiting(): readonly Listener[] {
    this.#sweep();
    return [...this.#entries.values()]
      .map((entry) => entry.listener)
      .filter((listener) => listener.state === 'waiting');
  }

  capture(id: string, runId: string): boolean {
    this.#sweep();
    const entry = this.#entries.get(id);
    if (entry?.listener.state !== 'waiting') return false;
    this.#setState(entry, 'captured');
    this.#runs.set(runId, id);
    return true;
  }

  listenerOfRun(runId: string): string | undefined {
    return this.#runs.get(runId);
  }

  cancel(id: string): boolean {
    this.#sweep();
    const entry = this.#entries.get(id);
    if (!entry) return false;
    if (entry.listener.state === 'done') return true;
    // The run goes on; only its progress stops reaching this listener's stream.
    for (const [runId, listenerId] of this.#runs) if (listenerId === id) this.#runs.delete(runId);
    this.publish(id, { type: 'cancelled' });
    return true;
  }

  publish(id: string, message: ListenerMessage): void {
    const entry = this.#entries.get(id);
    // A done listener's stream has ended: a late result of a run it no longer follows stays out.
    if (!entry || entry.listener.state === 'done') return;
    entry.history.push(message);
    if (message.type === 'result') this.#runs.delete(message.runId);
    if (FINAL_LISTENER_MESSAGES.has(message.type)) this.#setState(entry, 'done');
    for (const subscriber of entry.subscribers) subscriber(message);
  }

  subscribe(id: string, onMessage: (message: ListenerMessage) => void): (() => void) | undefined {
    this.#sweep();
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    for (const message of entry.history) onMessage(message);
    entry.subscribers.add(onMessage);
    return () => entry.subscribers.delete(onMessage);
  }

  #setState(entry: Entry, state: ListenerState): void {
    entry.listener = { ...entry.listener, state };
  }

  // A waiting listener past its time ends with `expired`; a captured one lives until its result,
  // as a run can outlast the window; a done one stays only for late readers of its stream.
  #sweep(): void {
    const now = this.#clock.now();
    for (const [id, entry] of this.#entries) {
      if (entry.listener.expiresAt.getTime() > now || entry.listener.state === 'captured') continue;
      if (entry.listener.state === 'waiting') this.publish(id, { type: 'expired' });
      this.#entries.delete(id);
    }
  }
}
