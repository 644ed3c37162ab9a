import type { RedisSignals } from '../domain/redis-signals.js';
import {
  FINAL_LISTENER_MESSAGES,
  type Listener,
  type ListenerMessage,
  type ListenerState,
} from './listener-registry.js';
import type { RedisListenerKeys } from './redis-listener-keys.js';
import { REMEMBER_NODE_SCRIPT, REMEMBER_SCRIPT, SET_STATE_SCRIPT } from './redis-listener-scripts.js';

/** A listener as JSON carries it: the expiry as an ISO string. */
export type StoredListener = Omit<Listener, 'expiresAt'> & { readonly expiresAt: string };

export function storeListener(listener: Listener): StoredListener {
  return { ...listener, expiresAt: listener.expiresAt.toISOString() };
}

export function reviveListener(stored: StoredListener): Listener {
  return { ...stored, expiresAt: new Date(stored.expiresAt) };
}

type NodeMessage = Extract<ListenerMessage, { type: 'node' }>;

/**
 * A listener as a process that starts later loads it, with the messages of its stream the record
 * keeps: the capture (with the captured event), each node's start and end in the order the run
 * made them, and the final message, so that process can replay them to a stream it serves and
 * end it.
 */
export interface LoadedListener {
  readonly listener: Listener;
  readonly captured: Extract<ListenerMessage, { type: 'captured' }> | undefined;
  readonly nodes: readonly NodeMessage[];
  readonly final: ListenerMessage | undefined;
}

/**
 * How much node progress one record keeps, in bytes of JSON: a draft run of ordinary nodes fits
 * many times over; past it (outputs of megabytes, say) a late stream shows the capture and the
 * result without the nodes between.
 */
const NODE_PROGRESS_BUDGET = 256 * 1024;
const NODE_FIELD_PREFIX = 'node:';

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
   * Keeps a capture, node progress or final message in the listener's record (a final one also
   * marks it done), for processes that start later.
   */
  remember(id: string, message: ListenerMessage): void {
    if (message.type === 'node') {
      this.#rememberNode(id, message);
      return;
    }
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

  /** A node's start or end, once however many processes heard it (a node runs once per run). */
  #rememberNode(id: string, message: NodeMessage): void {
    const phase = message.node.status === 'started' ? 'started' : 'ended';
    this.#run(
      this.#signals.command.eval(
        REMEMBER_NODE_SCRIPT,
        1,
        this.#keys.record(id),
        `${NODE_FIELD_PREFIX}${message.node.nodeId}:${phase}`,
        JSON.stringify(message),
        NODE_PROGRESS_BUDGET,
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
      const record = await command.hgetall(this.#keys.record(id));
      const { listener: stored, state, captured, final } = record;
      if (!stored || !state) continue;
      const listener = reviveListener(JSON.parse(stored) as StoredListener);
      yield {
        listener: { ...listener, state: state as ListenerState },
        captured: captured ? (JSON.parse(captured) as LoadedListener['captured']) : undefined,
        nodes: nodesOf(record),
        final: final ? (JSON.parse(final) as ListenerMessage) : undefined,
      };
    }
  }

  #run(command: Promise<unknown>): void {
    command.catch((error: unknown) => this.#signals.failed(error));
  }
}

/** The node progress a record keeps, in the order it was first stored (`<seq> <json>` each). */
function nodesOf(record: Readonly<Record<string, string>>): NodeMessage[] {
  const numbered: [number, NodeMessage][] = [];
  for (const [field, value] of Object.entries(record)) {
    if (!field.startsWith(NODE_FIELD_PREFIX)) continue;
    const space = value.indexOf(' ');
    numbered.push([Number(value.slice(0, space)), JSON.parse(value.slice(space + 1)) as NodeMessage]);
  }
  return numbered.sort((a, b) => a[0] - b[0]).map(([, message]) => message);
}
