import { type InternalEventMap, type InternalEventName, InternalEvents } from './internal-events.js';
import type { RedisSignals } from './redis-signals.js';

/** Every internal event, so a name read from Redis is checked against the typed map. */
const EVENT_NAMES: Readonly<Record<InternalEventName, true>> = {
  'endpoint.changed': true,
  'deliveries.stored': true,
  'run.progress': true,
  'run.finished': true,
};

function isEventName(name: unknown): name is InternalEventName {
  return typeof name === 'string' && Object.hasOwn(EVENT_NAMES, name);
}

/**
 * Internal events shared by every process on one Redis: each event is delivered in this process
 * first, as the in-process emitter does, then published (JSON) for the others, which re-emit it.
 * Emitting never waits for Redis nor throws when it is down (see RedisSignals).
 */
export class RedisInternalEvents extends InternalEvents {
  readonly #signals: RedisSignals;
  readonly #channel: string;
  readonly #unsubscribe: () => void;

  constructor(signals: RedisSignals) {
    super();
    this.#signals = signals;
    this.#channel = signals.key('events');
    this.#unsubscribe = signals.on(this.#channel, (message) => {
      if (!isEventName(message.name) || typeof message.payload !== 'object' || message.payload === null)
        return;
      this.#emitHere(message.name, message.payload as InternalEventMap[typeof message.name]);
    });
  }

  override emit<K extends InternalEventName>(name: K, payload: InternalEventMap[K]): void {
    super.emit(name, payload);
    this.#signals.publish(this.#channel, { name, payload });
  }

  /** Stops re-emitting other processes' events. */
  close(): void {
    this.#unsubscribe();
  }

  #emitHere<K extends InternalEventName>(name: K, payload: InternalEventMap[K]): void {
    super.emit(name, payload);
  }
}
