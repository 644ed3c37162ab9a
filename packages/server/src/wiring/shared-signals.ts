import type { Logger } from '@tripline/sdk';
import type { Config } from '../config/config.js';
import { InternalEvents } from '../domain/internal-events.js';
import { RedisInternalEvents } from '../domain/redis-internal-events.js';
import { RedisSignals } from '../domain/redis-signals.js';

/** How the parts of one process, or of several, tell each other what happened. */
export interface SharedSignals {
  /** Redis, when configured; the run engine shares its queue and listeners through it. */
  readonly signals: RedisSignals | undefined;
  readonly events: InternalEvents;
  close(): Promise<void>;
}

/**
 * With Redis, queues and signals are shared by every process (scale-out); without, they stay in
 * this one.
 */
export async function connectSharedSignals(input: {
  readonly config: Config;
  readonly logger: Logger;
}): Promise<SharedSignals> {
  const { config, logger } = input;
  const signals = config.redisUrl
    ? new RedisSignals({
        url: config.redisUrl,
        prefix: config.env.TRIPLINE_REDIS_PREFIX || 'tripline',
        logger,
      })
    : undefined;
  await signals?.connect();
  const events = signals ? new RedisInternalEvents(signals) : new InternalEvents();
  return {
    signals,
    events,
    async close() {
      if (events instanceof RedisInternalEvents) events.close();
      await signals?.close();
    },
  };
}
