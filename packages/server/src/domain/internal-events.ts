import { EventEmitter } from 'node:events';
import type { NodeTrace } from '../store/workflow-records.js';

/**
 * Signals between parts of the service, typed by name. In one process they go through this
 * emitter; at scale a Redis adapter forwards them between processes.
 */
export interface InternalEventMap {
  /** A builder or subscription was built, edited or deleted: caches of its endpoint are stale. */
  'endpoint.changed': { readonly endpointId: string };
  /** New deliveries wait in the inbox. */
  'deliveries.stored': { readonly count: number };
  /** A node of a run started or ended, for live progress (listeners stream it). */
  'run.progress': {
    readonly runId: string;
    readonly workspaceId: string;
    readonly node: RunProgressNode;
  };
  /** A run's handler returned: how it ended. */
  'run.finished': {
    readonly runId: string;
    readonly workspaceId: string;
    readonly status: 'succeeded' | 'failed';
    readonly outputs: Readonly<Record<string, unknown>> | null;
    readonly error: string | null;
  };
}

/** One node's progress: `started`, or its trace once it ended. */
export type RunProgressNode =
  | { readonly status: 'started'; readonly nodeId: string; readonly type: string; readonly title: string }
  | NodeTrace;

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
