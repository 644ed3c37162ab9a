import type { Clock, Logger } from '@tripline/sdk';
import { newId } from '../domain/ids.js';
import type { RedisSignals } from '../domain/redis-signals.js';
import {
  FINAL_LISTENER_MESSAGES,
  type Listener,
  type ListenerMessage,
  type ListenerRegistry,
  type ListenerState,
  type NewListener,
} from './listener-registry.js';
import { LISTENER_TTL_MS } from './local-listener-registry.js';
import {
  CAPTURE_SCRIPT,
  RELEASE_SCRIPT,
  RESERVE_SCRIPT,
  SET_STATE_SCRIPT,
} from './redis-listener-scripts.js';

export interface RedisListenerRegistryOptions {
  readonly signals: RedisSignals;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ttlMs?: number;
  /** How long a reservation may be held, and how long one waits for another process's. Default 2 s. */
  readonly reserveMs?: number;
}

/** A captured listener lives until its run's result; a run may take this long at most. */
const CAPTURED_TTL_MS = 60 * 60_000;

/** The messages another process cannot derive from internal events: they are sent to all. */
const SHARED_MESSAGES: ReadonlySet<ListenerMessage['type']> = new Set(['captured', 'cancelled', 'result']);

/** What goes over the listeners channel. */
type ListenerSignal =
  | { readonly kind: 'opened'; readonly listener: StoredListener }
  | { readonly kind: 'renewed'; readonly id: string; readonly expiresAt: string }
  | { readonly kind: 'captured'; readonly id: string; readonly runId: string }
  | { readonly kind: 'message'; readonly id: string; readonly message: ListenerMessage };

type StoredListener = Omit<Listener, 'expiresAt'> & { readonly expiresAt: string };

interface Entry {
  listener: Listener;
  readonly history: ListenerMessage[];
  readonly subscribers: Set<(message: ListenerMessage) => void>;
}

/**
 * Listeners shared by every process on one Redis. Each process keeps a copy of them (so the
 * port's reads stay synchronous), filled at connect and kept current by signals: a listener
 * opened through one process's API is seen by the dispatcher and the webhook handler of another.
 * Records live in Redis with the listener's time to live, for processes that start later.
 *
 * Capturing is "first event wins" across processes: `reserve` takes the listener's reservation in
 * Redis (one process at a time, and only while the listener waits there), `capture` succeeds only
 * under it, and a script marks the listener captured, ends the reservation and tells everyone at
 * once. Run progress and results reach each copy as internal events (which go through Redis too);
 * captures, cancels and results are also sent on the listeners channel, in order with them.
 */
export class RedisListenerRegistry implements ListenerRegistry {
  readonly #options: RedisListenerRegistryOptions;
  readonly #ttlMs: number;
  readonly #reserveMs: number;
  readonly #channel: string;
  readonly #index: string;
  readonly #entries = new Map<string, Entry>();
  readonly #runs = new Map<string, string>();
  /** Listeners this process holds the reservation of. */
  readonly #reserved = new Set<string>();
  #unsubscribe: (() => void) | undefined;

  constructor(options: RedisListenerRegistryOptions) {
    this.#options = options;
    this.#ttlMs = options.ttlMs ?? LISTENER_TTL_MS;
    this.#reserveMs = options.reserveMs ?? 2_000;
    this.#channel = options.signals.key('listeners');
    this.#index = options.signals.key('listeners', 'index');
  }

  /** Follows other processes' listeners, and loads those opened before this process started. */
  async connect(): Promise<void> {
    const { signals } = this.#options;
    this.#unsubscribe ??= signals.on(this.#channel, (signal) => this.#receive(signal as ListenerSignal));
    const now = this.#options.clock.now();
    await signals.command.zremrangebyscore(this.#index, '-inf', now);
    const ids = await signals.command.zrangebyscore(this.#index, now, '+inf');
    for (const id of ids) {
      const [stored, state] = await signals.command.hmget(this.#key(id), 'listener', 'state');
      if (!stored || !state || this.#entries.has(id)) continue;
      const listener = revive(JSON.parse(stored) as StoredListener);
      this.#entries.set(id, {
        listener: { ...listener, state: state as ListenerState },
        history: [],
        subscribers: new Set(),
      });
    }
  }

  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  open(listener: NewListener): Listener {
    this.#sweep();
    const opened: Listener = {
      ...listener,
      id: newId(),
      state: 'waiting',
      expiresAt: new Date(this.#options.clock.now() + this.#ttlMs),
    };
    this.#entries.set(opened.id, { listener: opened, history: [], subscribers: new Set() });
    const stored: StoredListener = { ...opened, expiresAt: opened.expiresAt.toISOString() };
    const key = this.#key(opened.id);
    this.#run(
      this.#options.signals.command
        .multi()
        .hset(key, 'listener', JSON.stringify(stored), 'state', 'waiting')
        .pexpire(key, this.#ttlMs)
        .zadd(this.#index, opened.expiresAt.getTime(), opened.id)
        .exec(),
    );
    this.#signal({ kind: 'opened', listener: stored });
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
    const expiresAt = new Date(this.#options.clock.now() + this.#ttlMs);
    entry.listener = { ...entry.listener, expiresAt };
    if (entry.listener.state === 'waiting') {
      const { command } = this.#options.signals;
      this.#run(
        command.multi().pexpire(this.#key(id), this.#ttlMs).zadd(this.#index, expiresAt.getTime(), id).exec(),
      );
    }
    this.#signal({ kind: 'renewed', id, expiresAt: expiresAt.toISOString() });
    return expiresAt;
  }

  waiting(): readonly Listener[] {
    this.#sweep();
    return [...this.#entries.values()]
      .map((entry) => entry.listener)
      .filter((listener) => listener.state === 'waiting');
  }

  async reserve(ids: readonly string[]): Promise<() => Promise<void>> {
    const taken = (
      await Promise.all(ids.map(async (id) => ((await this.#reserveOne(id)) ? id : undefined)))
    ).filter((id): id is string => id !== undefined);
    return async () => {
      const unused = taken.filter((id) => this.#reserved.delete(id));
      await Promise.all(
        unused.map((id) =>
          this.#options.signals.command
            .eval(RELEASE_SCRIPT, 1, this.#reservationKey(id), this.#options.signals.origin)
            .catch((error: unknown) => this.#options.signals.failed(error)),
        ),
      );
    };
  }

  capture(id: string, runId: string): boolean {
    this.#sweep();
    const entry = this.#entries.get(id);
    if (entry?.listener.state !== 'waiting' || !this.#reserved.delete(id)) return false;
    this.#setState(entry, 'captured');
    this.#runs.set(runId, id);
    const { signals } = this.#options;
    const signal: ListenerSignal = { kind: 'captured', id, runId };
    this.#run(
      signals.command.eval(
        CAPTURE_SCRIPT,
        2,
        this.#key(id),
        this.#reservationKey(id),
        signals.origin,
        'captured',
        CAPTURED_TTL_MS,
        this.#channel,
        JSON.stringify({ ...signal, origin: signals.origin }),
      ),
    );
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
    this.#run(this.#options.signals.command.eval(SET_STATE_SCRIPT, 1, this.#key(id), 'done'));
    for (const [runId, listenerId] of this.#runs) if (listenerId === id) this.#runs.delete(runId);
    this.publish(id, { type: 'cancelled' });
    return true;
  }

  publish(id: string, message: ListenerMessage): void {
    if (!this.#deliver(id, message)) return;
    if (SHARED_MESSAGES.has(message.type)) this.#signal({ kind: 'message', id, message });
  }

  subscribe(id: string, onMessage: (message: ListenerMessage) => void): (() => void) | undefined {
    this.#sweep();
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    for (const message of entry.history) onMessage(message);
    entry.subscribers.add(onMessage);
    return () => entry.subscribers.delete(onMessage);
  }

  async #reserveOne(id: string): Promise<boolean> {
    const { signals } = this.#options;
    const deadline = Date.now() + this.#reserveMs;
    for (;;) {
      let answer: unknown;
      try {
        answer = await signals.command.eval(
          RESERVE_SCRIPT,
          2,
          this.#key(id),
          this.#reservationKey(id),
          signals.origin,
          this.#reserveMs,
        );
      } catch (error) {
        signals.failed(error);
        return false;
      }
      if (answer === 1) {
        this.#reserved.add(id);
        return true;
      }
      if (answer === 0 || Date.now() > deadline) return false;
      // Another process is deciding about this listener: its reservation is short.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Adds to this process's copy of the stream; answers false when the listener is gone or done. */
  #deliver(id: string, message: ListenerMessage): boolean {
    const entry = this.#entries.get(id);
    // A done listener's stream has ended: a late or repeated message stays out.
    if (!entry || entry.listener.state === 'done') return false;
    entry.history.push(message);
    if (message.type === 'captured') this.#runs.set(message.runId, id);
    if (message.type === 'result') this.#runs.delete(message.runId);
    if (FINAL_LISTENER_MESSAGES.has(message.type)) this.#setState(entry, 'done');
    for (const subscriber of entry.subscribers) subscriber(message);
    return true;
  }

  #receive(signal: ListenerSignal): void {
    switch (signal.kind) {
      case 'opened': {
        if (this.#entries.has(signal.listener.id)) return;
        const listener = revive(signal.listener);
        this.#entries.set(listener.id, { listener, history: [], subscribers: new Set() });
        return;
      }
      case 'renewed': {
        const entry = this.#entries.get(signal.id);
        if (entry) entry.listener = { ...entry.listener, expiresAt: new Date(signal.expiresAt) };
        return;
      }
      case 'captured': {
        const entry = this.#entries.get(signal.id);
        if (entry?.listener.state !== 'waiting') return;
        this.#setState(entry, 'captured');
        this.#runs.set(signal.runId, signal.id);
        return;
      }
      case 'message':
        if (signal.message.type === 'cancelled')
          for (const [runId, listenerId] of this.#runs)
            if (listenerId === signal.id) this.#runs.delete(runId);
        this.#deliver(signal.id, signal.message);
        return;
      default:
        signal satisfies never;
    }
  }

  #signal(signal: ListenerSignal): void {
    this.#options.signals.publish(this.#channel, signal);
  }

  #run(command: Promise<unknown>): void {
    command.catch((error: unknown) => this.#options.signals.failed(error));
  }

  #key(id: string): string {
    return this.#options.signals.key('listener', id);
  }

  #reservationKey(id: string): string {
    return this.#options.signals.key('listener', id, 'reservation');
  }

  #setState(entry: Entry, state: ListenerState): void {
    entry.listener = { ...entry.listener, state };
  }

  // As the local registry: a waiting listener past its time ends with `expired`; a captured one
  // lives until its result; a done one stays only for late readers of its stream.
  #sweep(): void {
    const now = this.#options.clock.now();
    for (const [id, entry] of this.#entries) {
      if (entry.listener.expiresAt.getTime() > now || entry.listener.state === 'captured') continue;
      if (entry.listener.state === 'waiting') this.#deliver(id, { type: 'expired' });
      this.#entries.delete(id);
    }
  }
}

function revive(stored: StoredListener): Listener {
  return { ...stored, expiresAt: new Date(stored.expiresAt) };
}
