import { EventEmitter } from 'node:events';

/**
 * Signals between parts of the service, typed by name. In one process they go through this
 * emitter; at scale a Redis adapter forwards them between processes.
 */
export interface InternalEventMap {
  /** A builder or subscription was built, edited or deleted: caches of its endpoint are stale. */
  'endpoint.changed': { readonly endpointId: string };
  /** New deliveries wait in the inbox. */
  'deliveries.stored': { readonly count: number };
}

export type InternalEventName = keyof InternalEventMap;

export class InternalEvents {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(100);
  }

  on<K extends InternalEventName>(name: K, listener: (payload: InternalEventMap[K]) => void): () => void {
    this.#emitter.on(name, listener);
    return () => this.#emitter.off(name, listener);
  }

  emit<K extends InternalEventName>(name: K, payload: InternalEventMap[K]): void {
    this.#emitter.emit(name, payload);
  }
}
