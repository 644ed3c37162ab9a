import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../workflows/workflow-fixtures.test-helpers.js';
import type { InternalEventMap } from './internal-events.js';
import { RedisInternalEvents } from './redis-internal-events.js';
import { RedisSignals } from './redis-signals.js';
import { eventually, TEST_REDIS_URL, testRedisPrefix } from './redis-test-prefix.test-helpers.js';

describe('RedisInternalEvents', () => {
  let redis: ReturnType<typeof testRedisPrefix>;
  const opened: RedisSignals[] = [];

  beforeEach(() => {
    redis = testRedisPrefix();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((signals) => signals.close()));
    await redis.cleanup();
  });

  async function process(url = TEST_REDIS_URL, logger = silentLogger): Promise<RedisInternalEvents> {
    const signals = new RedisSignals({ url, prefix: redis.prefix, logger });
    opened.push(signals);
    if (url === TEST_REDIS_URL) await signals.connect();
    return new RedisInternalEvents(signals);
  }

  it('delivers an event here at once and to the other processes once, as JSON', async () => {
    const [a, b] = [await process(), await process()];
    const seenByA: InternalEventMap['run.finished'][] = [];
    const seenByB: InternalEventMap['run.finished'][] = [];
    a.on('run.finished', (payload) => seenByA.push(payload));
    b.on('run.finished', (payload) => seenByB.push(payload));
    const payload = {
      runId: 'r1',
      workspaceId: 'w1',
      status: 'succeeded',
      outputs: { n: 1 },
      error: null,
    } as const;
    a.emit('run.finished', payload);
    expect(seenByA).toEqual([payload]);
    await eventually('B to hear it', async () => (seenByB.length > 0 ? true : undefined));
    // A second look: A did not hear its own event back.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seenByA).toEqual([payload]);
    expect(seenByB).toEqual([payload]);
  });

  it('keeps deployments with other prefixes apart', async () => {
    const a = await process();
    const other = testRedisPrefix();
    const signals = new RedisSignals({ url: TEST_REDIS_URL, prefix: other.prefix, logger: silentLogger });
    opened.push(signals);
    await signals.connect();
    const elsewhere = new RedisInternalEvents(signals);
    const b = await process();
    const heard: string[] = [];
    elsewhere.on('endpoint.changed', ({ endpointId }) => heard.push(`elsewhere ${endpointId}`));
    b.on('endpoint.changed', ({ endpointId }) => heard.push(`b ${endpointId}`));
    a.emit('endpoint.changed', { endpointId: 'e1' });
    await eventually('B to hear it', async () => (heard.length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heard).toEqual(['b e1']);
  });

  it('emits without blocking or throwing while Redis is unreachable, and says so once', async () => {
    const warnings: string[] = [];
    const logger = {
      ...silentLogger,
      warn: (_fields: object, message: string) => void warnings.push(message),
    };
    const down = await process('redis://127.0.0.1:1', logger);
    const heard: number[] = [];
    down.on('deliveries.stored', ({ count }) => heard.push(count));
    for (let count = 1; count <= 3; count += 1)
      expect(() => down.emit('deliveries.stored', { count })).not.toThrow();
    expect(heard).toEqual([1, 2, 3]);
    expect(warnings.filter((message) => message.startsWith('Redis is unreachable'))).toHaveLength(1);
  });
});
