import type { RedisSignals } from '../domain/redis-signals.js';
import type { RedisListenerKeys } from './redis-listener-keys.js';
import { CAPTURE_SCRIPT, RELEASE_SCRIPT, RESERVE_SCRIPT } from './redis-listener-scripts.js';

/** A captured listener lives until its run's result; a run may take this long at most. */
const CAPTURED_TTL_MS = 60 * 60_000;

/**
 * This process's rights to capture listeners, held in Redis so that one process at a time may
 * capture a listener, and only while it waits there: "first event wins" across processes.
 */
export class RedisListenerReservations {
  readonly #signals: RedisSignals;
  readonly #keys: RedisListenerKeys;
  /** How long a reservation may be held, and how long one waits for another process's. */
  readonly #reserveMs: number;
  /** Listeners this process holds the reservation of. */
  readonly #held = new Set<string>();

  constructor(options: {
    readonly signals: RedisSignals;
    readonly keys: RedisListenerKeys;
    readonly reserveMs: number;
  }) {
    this.#signals = options.signals;
    this.#keys = options.keys;
    this.#reserveMs = options.reserveMs;
  }

  /** Reserves what it can of `ids`; answers the release of the reservations not used since. */
  async reserve(ids: readonly string[]): Promise<() => Promise<void>> {
    const taken = (
      await Promise.all(ids.map(async (id) => ((await this.#reserveOne(id)) ? id : undefined)))
    ).filter((id): id is string => id !== undefined);
    return async () => {
      const unused = taken.filter((id) => this.#held.delete(id));
      await Promise.all(
        unused.map((id) =>
          this.#signals.command
            .eval(RELEASE_SCRIPT, 1, this.#keys.reservation(id), this.#signals.origin)
            .catch((error: unknown) => this.#signals.failed(error)),
        ),
      );
    };
  }

  /** Uses this process's reservation of the listener, if it holds one: answers whether it did. */
  use(id: string): boolean {
    return this.#held.delete(id);
  }

  /**
   * Marks a listener captured in Redis under the reservation just used, ends the reservation and
   * publishes `signal` to every process, in one script (not awaited: the port is synchronous).
   */
  commitCapture(id: string, signal: string): void {
    const signals = this.#signals;
    const keys = this.#keys;
    signals.command
      .eval(
        CAPTURE_SCRIPT,
        2,
        keys.record(id),
        keys.reservation(id),
        signals.origin,
        'captured',
        CAPTURED_TTL_MS,
        keys.channel,
        signal,
      )
      .catch((error: unknown) => signals.failed(error));
  }

  async #reserveOne(id: string): Promise<boolean> {
    const signals = this.#signals;
    const deadline = Date.now() + this.#reserveMs;
    for (;;) {
      let answer: unknown;
      try {
        answer = await signals.command.eval(
          RESERVE_SCRIPT,
          2,
          this.#keys.record(id),
          this.#keys.reservation(id),
          signals.origin,
          this.#reserveMs,
        );
      } catch (error) {
        signals.failed(error);
        return false;
      }
      if (answer === 1) {
        this.#held.add(id);
        return true;
      }
      if (answer === 0 || Date.now() > deadline) return false;
      // Another process is deciding about this listener: its reservation is short.
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}
