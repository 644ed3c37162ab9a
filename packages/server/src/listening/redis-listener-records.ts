import type { RedisSignals } from '../domain/redis-signals.js';
import {
  FINAL_LISTENER_MESSAGES,
  type Listener,
  type ListenerMessage,
  type ListenerState,
} from './listener-registry.js';
import type { RedisListenerKeys } from './redis-listener-keys.js';
import { REMEMBER_SCRIPT, SET_STATE_SCRIPT } from './redis-listener-scripts.js';

/** A listener as JSON carries it: the expiry as an ISO string. */
export type StoredListener = Omit<Listener, 'expiresAt'> & { readonly expiresAt: string };

export function storeListener(listener: Listener): StoredListener {
  return { ...listener, expiresAt: listener.expiresAt.toISOString() };
}

export function reviveListener(stored: StoredListener): Listener {
  return { ...stored, expiresAt: new Date(stored.expiresAt) };
}

/**
 * A listener as a process that starts later loads it, with the messages of its stream the record
 * keeps: the capture (with the captured event) and the final message, so that process can replay
 * them to a stream it serves and end it. Run progress in between is not kept.
 */
export interface LoadedListener {
  readonly listener: Listener;
  readonly captured: Extract<ListenerMessage, { type: 'captured' }> | undefined;
  readonly final: ListenerMessage | undefined;
}

/**
 * The listeners' records in Redis, expiring with them: what a process that starts later loads.
 * Writes are not awaited (the port is synchronous); a failed one is reported to the signals.
 */
export class RedisListenerRecords {
  readonly #signals: RedisSignals;
  readonly #keys: RedisListenerKeys;

  constructor(signals: RedisSignals, keys: RedisListenerKeys) {
    this.#signals = signals;
    this.#keys = keys;
  }

  /** Writes a listener just opened, living `ttlMs`. */
  write(stored: StoredListener, ttlMs: number): void {
    const key = this.#keys.record(stored.id);
    this.#run(
      this.#signals.command
        .multi()
        .hset(key, 'listener', JSON.stringify(stored), 'state', stored.state)
        .pexpire(key, ttlMs)
        .zadd(this.#keys.index, Date.parse(stored.expiresAt), stored.id)
        .exec(),
    );
  }

  /** Keeps a waiting listener's record until its new expiry. */
  extend(id: string, expiresAt: Date, ttlMs: number): void {
    this.#run(
      this.#signals.command
        .multi()
        .pexpire(this.#keys.record(id), ttlMs)
        .zadd(this.#keys.index, expiresAt.getTime(), id)
        .exec(),
    );
  }

  /**
   * Keeps a capture or final message in the listener's record (a final one also marks it done),
   * for processes that start later; other messages are not kept.
   */
  remember(id: string, message: ListenerMessage): void {
    const final = FINAL_LISTENER_MESSAGES.has(message.type);
    if (message.type !== 'captured' && !final) return;
    const field = final ? 'final' : 'captured';
    const state: ListenerState | '' = final ? 'done' : '';
    this.#run(
      this.#signals.command.eval(
        REMEMBER_SCRIPT,
        1,
        this.#keys.record(id),
        field,
        JSON.stringify(message),
        state,
      ),
    );
  }

  /** Sets the state of a listener whose record still exists, keeping its time to live. */
  setState(id: string, state: ListenerState): void {
    this.#run(this.#signals.command.eval(SET_STATE_SCRIPT, 1, this.#keys.record(id), state));
  }

  /**
   * The listeners whose records have not expired at `now`, as they are in Redis, one at a time (a
   * signal about one already loaded then finds it held).
   */
  async *load(now: number): AsyncGenerator<LoadedListener> {
    const { command } = this.#signals;
    await command.zremrangebyscore(this.#keys.index, '-inf', now);
    const ids = await command.zrangebyscore(this.#keys.index, now, '+inf');
    for (const id of ids) {
      const [stored, state, captured, final] = await command.hmget(
        this.#keys.record(id),
        'listener',
        'state',
        'captured',
        'final',
      );
      if (!stored || !state) continue;
      const listener = reviveListener(JSON.parse(stored) as StoredListener);
      yield {
        listener: { ...listener, state: state as ListenerState },
        captured: captured ? (JSON.parse(captured) as LoadedListener['captured']) : undefined,
        final: final ? (JSON.parse(final) as ListenerMessage) : undefined,
      };
    }
  }

  #run(command: Promise<unknown>): void {
    command.catch((error: unknown) => this.#signals.failed(error));
  }
}
