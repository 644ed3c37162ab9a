import type { Logger } from '@tripline/sdk';
import { Redis } from 'ioredis';
import { newId } from './ids.js';

export interface RedisSignalsOptions {
  /** `redis://...`, as TRIPLINE_REDIS_URL gives it. */
  readonly url: string;
  /** Starts every key and channel, so several deployments (or test runs) share one Redis. */
  readonly prefix: string;
  readonly logger: Logger;
}

type SignalHandler = (message: Readonly<Record<string, unknown>>) => void;

/**
 * The Redis connections that carry signals between processes: one for commands and publishes, one
 * subscribed to channels. Publishing and the commands that publish go through the same connection,
 * so another process receives them in the order this one sent them. Messages are JSON objects
 * stamped with this process's origin id; a process ignores its own.
 *
 * Publishing never blocks or throws: while Redis is unreachable, messages are dropped (the
 * receivers' polls are the safety net) and the outage is logged once; ioredis reconnects and
 * subscribes again by itself.
 */
export class RedisSignals {
  /** Tells this process's messages from the others'. */
  readonly origin = newId();
  readonly prefix: string;
  /** Commands and publishes; queued by ioredis while it reconnects. */
  readonly command: Redis;
  readonly #subscriber: Redis;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, Set<SignalHandler>>();
  #down = false;
  #closed = false;

  constructor(options: RedisSignalsOptions) {
    this.prefix = options.prefix;
    this.#logger = options.logger;
    this.command = new Redis(options.url, { lazyConnect: true, maxRetriesPerRequest: 3 });
    this.#subscriber = new Redis(options.url, { lazyConnect: true });
    for (const connection of [this.command, this.#subscriber]) {
      connection.on('error', (error: Error) => this.#outage(error));
      connection.on('ready', () => this.#recovered());
    }
    this.#subscriber.on('message', (channel: string, text: string) => this.#receive(channel, text));
  }

  /** A key or channel name under the prefix: `key('listener', id)` is `<prefix>:listener:<id>`. */
  key(...parts: readonly string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  /** Connects both connections; rejects when Redis cannot be reached at start. */
  async connect(): Promise<void> {
    await Promise.all([this.command.connect(), this.#subscriber.connect()]);
    const channels = [...this.#handlers.keys()];
    if (channels.length > 0) await this.#subscriber.subscribe(...channels);
  }

  /** Calls `handler` with the messages other processes publish on `channel`. */
  on(channel: string, handler: SignalHandler): () => void {
    let handlers = this.#handlers.get(channel);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(channel, handlers);
      if (this.#subscriber.status === 'ready') {
        this.#subscriber.subscribe(channel).catch((error: unknown) => this.#outage(error));
      }
    }
    handlers.add(handler);
    return () => handlers.delete(handler);
  }

  /** Publishes `message` with this process's origin; dropped while Redis is unreachable. */
  publish(channel: string, message: Readonly<Record<string, unknown>>): void {
    if (this.#closed) return;
    if (this.command.status !== 'ready') {
      this.#outage(new Error(`the Redis connection is ${this.command.status}`));
      return;
    }
    this.command
      .publish(channel, JSON.stringify({ ...message, origin: this.origin }))
      .catch((error: unknown) => this.#outage(error));
  }

  /** Logs a failed command of another part, counted in the outage it belongs to. */
  failed(error: unknown): void {
    this.#outage(error);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all(
      [this.command, this.#subscriber].map((connection) =>
        connection.status === 'end' || connection.status === 'wait'
          ? connection.disconnect()
          : connection.quit().then(
              () => undefined,
              () => connection.disconnect(),
            ),
      ),
    );
  }

  #receive(channel: string, text: string): void {
    const handlers = this.#handlers.get(channel);
    if (!handlers || handlers.size === 0) return;
    let message: unknown;
    try {
      message = JSON.parse(text);
    } catch {
      this.#logger.warn({ channel }, 'a signal that is not JSON was ignored');
      return;
    }
    if (typeof message !== 'object' || message === null) return;
    const record = message as Record<string, unknown>;
    if (record.origin === this.origin) return;
    for (const handler of handlers) {
      try {
        handler(record);
      } catch (error) {
        this.#logger.error({ err: error, channel }, 'handling a signal failed');
      }
    }
  }

  #outage(error: unknown): void {
    if (this.#closed || this.#down) return;
    this.#down = true;
    this.#logger.warn(
      { err: error },
      'Redis is unreachable: signals to other processes are dropped until it is back (their polls catch up)',
    );
  }

  #recovered(): void {
    if (!this.#down) return;
    this.#down = false;
    this.#logger.info({}, 'Redis is reachable again: signals flow between processes');
  }
}
