import type { RedisSignals } from '../domain/redis-signals.js';

/** Where listeners live in Redis, under the deployment's prefix. */
export interface RedisListenerKeys {
  /** The channel every process's registry follows. */
  readonly channel: string;
  /** A sorted set of listener ids by expiry, for processes that start later. */
  readonly index: string;
  /** A listener's record: a hash of its `listener` (JSON) and its `state`. */
  record(id: string): string;
  /** Holds the origin of the process reserving a listener's capture. */
  reservation(id: string): string;
}

export function redisListenerKeys(signals: RedisSignals): RedisListenerKeys {
  return {
    channel: signals.key('listeners'),
    index: signals.key('listeners', 'index'),
    record: (id) => signals.key('listener', id),
    reservation: (id) => signals.key('listener', id, 'reservation'),
  };
}
