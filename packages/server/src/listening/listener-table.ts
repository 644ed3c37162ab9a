import { hasOutlived } from './listener-lifetime.js';
import {
  FINAL_LISTENER_MESSAGES,
  type Listener,
  type ListenerMessage,
  type ListenerState,
} from './listener-registry.js';

interface Entry {
  listener: Listener;
  readonly history: ListenerMessage[];
  readonly subscribers: Set<(message: ListenerMessage) => void>;
}

/**
 * Listeners held in this process's memory with their streams, and the run each captured one
 * follows: the state every registry adapter reads synchronously. Adapters decide when listeners
 * are added, captured and swept; the table keeps the rules of a listener's stream.
 */
export class ListenerTable {
  readonly #entries = new Map<string, Entry>();
  /** Run id → the listener whose stream its progress goes to. */
  readonly #runs = new Map<string, string>();

  /** Adds a listener; answers false (and changes nothing) when it is held already. */
  add(listener: Listener): boolean {
    if (this.#entries.has(listener.id)) return false;
    this.#entries.set(listener.id, { listener, history: [], subscribers: new Set() });
    return true;
  }

  /** The listener, whatever its workspace, or undefined. */
  find(id: string): Listener | undefined {
    return this.#entries.get(id)?.listener;
  }

  /** The listener if it belongs to this workspace: another workspace's stays hidden. */
  get(workspaceId: string, id: string): Listener | undefined {
    const listener = this.find(id);
    return listener?.workspaceId === workspaceId ? listener : undefined;
  }

  waiting(): readonly Listener[] {
    return [...this.#entries.values()]
      .map((entry) => entry.listener)
      .filter((listener) => listener.state === 'waiting');
  }

  /** Moves the listener's expiry; answers the listener as it is now, or undefined when unknown. */
  setExpiry(id: string, expiresAt: Date): Listener | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    entry.listener = { ...entry.listener, expiresAt };
    return entry.listener;
  }

  /** Marks a waiting listener captured by `runId`; answers false when it is not waiting. */
  capture(id: string, runId: string): boolean {
    const entry = this.#entries.get(id);
    if (entry?.listener.state !== 'waiting') return false;
    this.#setState(entry, 'captured');
    this.#runs.set(runId, id);
    return true;
  }

  listenerOfRun(runId: string): string | undefined {
    return this.#runs.get(runId);
  }

  /**
   * Adds to the listener's stream and tells its subscribers; answers false when the listener is
   * unknown or done (its stream has ended: a late or repeated message stays out), or for a repeated
   * capture. A final message
   * ends the stream; `cancelled` also stops following its run, which goes on unfollowed.
   */
  deliver(id: string, message: ListenerMessage): boolean {
    const entry = this.#entries.get(id);
    if (!entry || entry.listener.state === 'done') return false;
    // A listener captures once: a second `captured` is the same one again (replayed from Redis
    // by a process that started late, then signalled too).
    if (message.type === 'captured' && entry.history.some((earlier) => earlier.type === 'captured'))
      return false;
    // Likewise a node's start or end: replayed from the record, then heard live as well.
    if (message.type === 'node' && entry.history.some((earlier) => isSameNodeStep(earlier, message)))
      return false;
    entry.history.push(message);
    if (message.type === 'captured') this.#runs.set(message.runId, id);
    if (message.type === 'result') this.#runs.delete(message.runId);
    if (message.type === 'cancelled')
      for (const [runId, listenerId] of this.#runs) if (listenerId === id) this.#runs.delete(runId);
    if (FINAL_LISTENER_MESSAGES.has(message.type)) this.#setState(entry, 'done');
    for (const subscriber of entry.subscribers) subscriber(message);
    return true;
  }

  /** Replays the stream so far, then follows it; undefined for an unknown listener. */
  subscribe(id: string, onMessage: (message: ListenerMessage) => void): (() => void) | undefined {
    const entry = this.#entries.get(id);
    if (!entry) return undefined;
    for (const message of entry.history) onMessage(message);
    entry.subscribers.add(onMessage);
    return () => entry.subscribers.delete(onMessage);
  }

  /** Drops the listeners that outlived their window; a waiting one first ends with `expired`. */
  sweep(now: number): void {
    for (const [id, entry] of this.#entries) {
      if (!hasOutlived(entry.listener, now)) continue;
      if (entry.listener.state === 'waiting') this.deliver(id, { type: 'expired' });
      this.#entries.delete(id);
    }
  }

  #setState(entry: Entry, state: ListenerState): void {
    entry.listener = { ...entry.listener, state };
  }
}

/** Whether two messages are the same step of the same node (a node runs once per run). */
function isSameNodeStep(
  earlier: ListenerMessage,
  message: Extract<ListenerMessage, { type: 'node' }>,
): boolean {
  return (
    earlier.type === 'node' &&
    earlier.runId === message.runId &&
    earlier.node.nodeId === message.node.nodeId &&
    (earlier.node.status === 'started') === (message.node.status === 'started')
  );
}
