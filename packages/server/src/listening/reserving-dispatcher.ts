import { Dispatcher, type DispatcherOptions } from '../dispatch/dispatcher.js';
import type { RequestLogRecord } from '../store/records.js';
import type { ListenerRegistry } from './listener-registry.js';

/**
 * The dispatcher for listeners shared between processes: before a batch is planned (the listener
 * hook is synchronous), it reserves the waiting listeners of the batch's subscriptions, so that
 * each is captured by one process's event only; what the batch did not capture is released.
 * With a registry of one process it is the plain dispatcher.
 */
export class ReservingDispatcher extends Dispatcher {
  readonly #registry: ListenerRegistry;

  constructor(options: DispatcherOptions & { readonly registry: ListenerRegistry }) {
    super(options);
    this.#registry = options.registry;
  }

  override async dispatch(logs: readonly RequestLogRecord[]): Promise<void> {
    const ids = this.#listenersOf(logs);
    if (ids.length === 0 || !this.#registry.reserve) return super.dispatch(logs);
    const release = await this.#registry.reserve(ids);
    try {
      await super.dispatch(logs);
    } finally {
      await release();
    }
  }

  #listenersOf(logs: readonly RequestLogRecord[]): string[] {
    const endpoints = new Set(logs.map((log) => `${log.workspaceId} ${log.endpointId}`));
    return this.#registry
      .waiting()
      .filter((listener) =>
        listener.targets.some(
          (target) =>
            target.kind === 'plugin' && endpoints.has(`${listener.workspaceId} ${target.subscriptionId}`),
        ),
      )
      .map((listener) => listener.id);
  }
}
