import type { Clock, Logger } from '@tripline/sdk';
import type { RedisSignals } from '../domain/redis-signals.js';
import { expiryFrom, LISTENER_TTL_MS, openListener } from './listener-lifetime.js';
import type { Listener, ListenerMessage, ListenerRegistry, NewListener } from './listener-registry.js';
import { ListenerTable } from './listener-table.js';
import { type RedisListenerKeys, redisListenerKeys } from './redis-listener-keys.js';
import { type ListenerSignal, mirrorListenerSignal, SHARED_MESSAGES } from './redis-listener-mirror.js';
import { type LoadedListener, RedisListenerRecords, storeListener } from './redis-listener-records.js';
import { RedisListenerReservations } from './redis-listener-reservations.js';

export interface RedisListenerRegistryOptions {
  readonly signals: RedisSignals;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly ttlMs?: number;
  /** How long a reservation may be held, and how long one waits for another process's. Default 2 s. */
  readonly reserveMs?: number;
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
  readonly #signals: RedisSignals;
  readonly #clock: Clock;
  readonly #ttlMs: number;
  readonly #keys: RedisListenerKeys;
  readonly #table = new ListenerTable();
  readonly #records: RedisListenerRecords;
  readonly #reservations: RedisListenerReservations;
  #unsubscribe: (() => void) | undefined;

  constructor(options: RedisListenerRegistryOptions) {
    const { signals } = options;
    this.#signals = signals;
    this.#clock = options.clock;
    this.#ttlMs = options.ttlMs ?? LISTENER_TTL_MS;
    this.#keys = redisListenerKeys(signals);
    this.#records = new RedisListenerRecords(signals, this.#keys);
    this.#reservations = new RedisListenerReservations({
      signals,
      keys: this.#keys,
      reserveMs: options.reserveMs ?? 2_000,
    });
  }

  /** Follows other processes' listeners, and loads those opened before this process started. */
  async connect(): Promise<void> {
    this.#unsubscribe ??= this.#signals.on(this.#keys.channel, (signal) =>
      mirrorListenerSignal(this.#table, signal as ListenerSignal),
    );
    for await (const loaded of this.#records.load(this.#clock.now())) this.#restore(loaded);
  }

  /**
   * Adds a listener loaded at connect, replaying the messages its record kept, so a stream this
   * process serves shows the capture and the run's nodes, and ends with the final message like
   * everyone else's.
   */
  #restore({ listener, captured, nodes, final }: LoadedListener): void {
    const replayed = captured !== undefined || final !== undefined;
    // Replayed from waiting: the capture and the final message set the state as they did.
    if (!this.#table.add(replayed ? { ...listener, state: 'waiting' } : listener)) return;
    if (captured !== undefined) {
      this.#table.capture(listener.id, captured.runId);
      this.#table.deliver(listener.id, captured);
      for (const node of nodes) this.#table.deliver(listener.id, node);
    }
    if (final !== undefined) this.#table.deliver(listener.id, final);
  }

  close(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  open(listener: NewListener): Listener {
    this.#sweep();
    const opened = openListener(listener, this.#clock.now(), this.#ttlMs);
    this.#table.add(opened);
    const stored = storeListener(opened);
    this.#records.write(stored, this.#ttlMs);
    this.#signal({ kind: 'opened', listener: stored });
    return opened;
  }

  get(workspaceId: string, id: string): Listener | undefined {
    this.#sweep();
    return this.#table.get(workspaceId, id);
  }

  renew(id: string): Date | undefined {
    this.#sweep();
    const renewed = this.#table.setExpiry(id, expiryFrom(this.#clock.now(), this.#ttlMs));
    if (!renewed) return undefined;
    // A captured or done listener's record keeps the time to live its state gave it.
    if (renewed.state === 'waiting') this.#records.extend(id, renewed.expiresAt, this.#ttlMs);
    this.#signal({ kind: 'renewed', id, expiresAt: renewed.expiresAt.toISOString() });
    return renewed.expiresAt;
  }

  waiting(): readonly Listener[] {
    this.#sweep();
    return this.#table.waiting();
  }

  reserve(ids: readonly string[]): Promise<() => Promise<void>> {
    return this.#reservations.reserve(ids);
  }

  capture(id: string, runId: string): boolean {
    this.#sweep();
    // Only under this process's reservation, which the capture uses up.
    if (this.#table.find(id)?.state !== 'waiting' || !this.#reservations.use(id)) return false;
    this.#table.capture(id, runId);
    const signal: ListenerSignal = { kind: 'captured', id, runId };
    this.#reservations.commitCapture(id, JSON.stringify({ ...signal, origin: this.#signals.origin }));
    return true;
  }

  listenerOfRun(runId: string): string | undefined {
    return this.#table.listenerOfRun(runId);
  }

  cancel(id: string): boolean {
    this.#sweep();
    const listener = this.#table.find(id);
    if (!listener) return false;
    if (listener.state === 'done') return true;
    this.#records.setState(id, 'done');
    // The run goes on; only its progress stops reaching this listener's stream.
    this.publish(id, { type: 'cancelled' });
    return true;
  }

  publish(id: string, message: ListenerMessage): void {
    if (!this.#table.deliver(id, message)) return;
    // Every process hears node progress itself; the record keeps it once for those that start later.
    if (SHARED_MESSAGES.has(message.type)) this.#signal({ kind: 'message', id, message });
    this.#records.remember(id, message);
  }

  subscribe(id: string, onMessage: (message: ListenerMessage) => void): (() => void) | undefined {
    this.#sweep();
    return this.#table.subscribe(id, onMessage);
  }

  #signal(signal: ListenerSignal): void {
    this.#signals.publish(this.#keys.channel, signal);
  }

  #sweep(): void {
    this.#table.sweep(this.#clock.now());
  }
}
