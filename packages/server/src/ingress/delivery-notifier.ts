import type { InternalEvents } from '../domain/internal-events.js';

/**
 * Tells the dispatcher that deliveries wait, once per turn of the event loop rather than once per
 * request: under load hundreds of acks share one signal.
 */
export class DeliveryNotifier {
  readonly #events: InternalEvents;
  #count = 0;
  #scheduled = false;

  constructor(events: InternalEvents) {
    this.#events = events;
  }

  stored(): void {
    this.#count += 1;
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(this.#flush);
  }

  readonly #flush = (): void => {
    const count = this.#count;
    this.#count = 0;
    this.#scheduled = false;
    this.#events.emit('deliveries.stored', { count });
  };
}
