import { defineIntegration, ExternalServiceError, type Logger, type ParameterValues } from '@tripline/sdk';
import { beforeEach, describe, expect, it } from 'vitest';
import { IntegrationCatalog } from '../integrations/integration-catalog.js';
import { subscriptionFrom } from '../store/contract-fixtures.js';
import type { BuilderRecord } from '../store/records.js';
import { ABANDONED_BUILD_GIVE_UP_MS, abandonedBuildCleanup } from './abandoned-build-cleanup.js';
import { builderCleanup } from './builder-cleanup.js';
import { BuilderService } from './builder-service.js';
import {
  failure,
  type SubscriptionFixture,
  useSubscriptionFixture,
} from './subscription-fixture.test-helpers.js';
import { BUILDER_TTL_MS, type SubscriptionServicesOptions } from './subscription-services-options.js';

const MINUTE = 60 * 1000;
const TOKEN = 'tok-do-not-log-0123456789';
const GRACE_MS = 10 * MINUTE;

interface Removal {
  readonly endpointUrl: string;
  readonly parameters: ParameterValues;
  readonly properties: ParameterValues;
  readonly credentials: ParameterValues;
}

interface LogLine {
  readonly level: string;
  readonly fields: Record<string, unknown>;
  readonly message: string;
}

/** An api-key integration whose `subscribe` is cut off after the webhook was made, and whose removals are recorded. */
function leftoverIntegration(state: { removals: Removal[]; broken: Set<string> }) {
  return defineIntegration({
    id: 'leftover',
    name: 'Leftover',
    description: 'Creates webhooks by API, for tests.',
    icon: 'data:image/svg+xml,<svg/>',
    subscription: {
      methods: ['api-key'],
      constructorParameters: [{ name: 'repository', label: 'Repository', type: 'string', required: true }],
      credentials: [{ name: 'access_token', label: 'Access token', type: 'secret', required: true }],
    },
    events: [{ name: 'push', label: 'Push', description: 'A push.', parameters: [], outputSchema: {} }],
    verify: () => ({ ok: true }),
    parse: () => ({ ok: true, events: [], response: { status: 200 } }),
    subscribe: async () => {
      throw new ExternalServiceError('the connection was reset after the webhook was created', 502);
    },
    unsubscribe: async ({ endpointUrl, parameters, properties, credentials }) => {
      state.removals.push({ endpointUrl, parameters, properties, credentials });
      if (state.broken.has(String(parameters.repository))) {
        throw new ExternalServiceError('Leftover is down for maintenance', 503);
      }
    },
  });
}

describe('abandonedBuildCleanup', () => {
  let fx: SubscriptionFixture;
  let options: SubscriptionServicesOptions;
  let builders: BuilderService;
  const state = { removals: [] as Removal[], broken: new Set<string>() };
  const logs: LogLine[] = [];
  const record = (level: string) => (fields: object, message: string) => {
    logs.push({ level, fields: fields as Record<string, unknown>, message });
  };
  const logger: Logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };

  useSubscriptionFixture((opened) => {
    fx = opened;
    options = { ...fx.options, catalog: new IntegrationCatalog([leftoverIntegration(state)]), logger };
    builders = new BuilderService(options);
  });
  beforeEach(() => {
    state.removals.length = 0;
    state.broken.clear();
    logs.length = 0;
  });

  const cleanup = (batchSize?: number) =>
    abandonedBuildCleanup({ ...options, ...(batchSize === undefined ? {} : { batchSize }) });
  const endpointOf = (id: string) => `https://triggers.example.com/triggers/plugin/${id}`;
  const stored = (builder: BuilderRecord) => fx.store.builders.get(builder.workspaceId, builder.id);

  /** A builder of alice's ready to build. */
  async function readyBuilder(repository = 'octo/alpha'): Promise<string> {
    const created = await builders.create(fx.alice, 'leftover', { method: 'api-key' });
    await builders.patch(fx.alice, created.id, {
      parameters: { repository },
      credentials: { access_token: TOKEN },
    });
    return created.id;
  }

  /** A builder whose build started now and never stored its subscription. */
  async function startedBuilder(repository = 'octo/alpha'): Promise<BuilderRecord> {
    const id = await readyBuilder(repository);
    const started = await fx.store.builders.update(fx.alice.workspaceId, id, {
      buildStartedAt: new Date(fx.clock.now()),
    });
    if (!started) throw new Error('builder missing');
    return started;
  }

  it('a build cut off after creating the webhook leaves a builder whose webhook is removed by URL once it expired', async () => {
    const id = await readyBuilder();
    const startedAt = fx.clock.now();
    expect((await failure(builders.build(fx.alice, id))).status).toBe(502);
    const builder = await fx.store.builders.get(fx.alice.workspaceId, id);
    expect(builder?.buildStartedAt).toEqual(new Date(startedAt));

    fx.clock.advance(BUILDER_TTL_MS);
    await builderCleanup({ store: fx.store, clock: fx.clock, logger }).runOnce();
    expect(await fx.store.builders.get(fx.alice.workspaceId, id)).toBeDefined();
    // Just expired: a build that began at the last moment may still be running.
    expect(await cleanup().cleanUp()).toEqual({ cleaned: 0, retrying: 0, givenUp: 0 });
    expect(state.removals).toEqual([]);

    fx.clock.advance(GRACE_MS);
    expect(await cleanup().cleanUp()).toEqual({ cleaned: 1, retrying: 0, givenUp: 0 });
    expect(state.removals).toEqual([
      {
        endpointUrl: endpointOf(id),
        parameters: { repository: 'octo/alpha' },
        properties: {},
        credentials: { access_token: TOKEN },
      },
    ]);
    expect(await fx.store.builders.get(fx.alice.workspaceId, id)).toBeUndefined();
  });

  it('a failed removal is logged with the repository and URL, secrets masked, and tried again on a later pass', async () => {
    const builder = await startedBuilder('octo/beta');
    state.broken.add('octo/beta');
    fx.clock.advance(BUILDER_TTL_MS + GRACE_MS);
    const job = cleanup();
    expect(await job.cleanUp()).toEqual({ cleaned: 0, retrying: 1, givenUp: 0 });
    expect(await stored(builder)).toEqual(builder);
    const warning = logs.find((line) => line.level === 'warn');
    expect(warning?.fields).toMatchObject({
      builderId: builder.id,
      endpointUrl: endpointOf(builder.id),
      parameters: { repository: 'octo/beta' },
    });
    expect(String(warning?.fields.problem)).toContain('Leftover is down for maintenance');
    expect(JSON.stringify(logs)).not.toContain(TOKEN);

    state.broken.clear();
    fx.clock.advance(5 * MINUTE);
    expect(await job.cleanUp()).toEqual({ cleaned: 1, retrying: 0, givenUp: 0 });
    expect(state.removals).toHaveLength(2);
    expect(await stored(builder)).toBeUndefined();
  });

  it('spaces the retries of a removal that keeps failing: 5 minutes, doubling up to 6 hours', async () => {
    const builder = await startedBuilder('octo/delta');
    state.broken.add('octo/delta');
    fx.clock.advance(BUILDER_TTL_MS + GRACE_MS);
    const job = cleanup();
    // Twelve hours of passes every 5 minutes.
    for (let pass = 0; pass <= 144; pass += 1) {
      await job.cleanUp();
      fx.clock.advance(5 * MINUTE);
    }
    // At 0, 5, 15, 35, 75, 155 and 315 minutes, then 6 hours later (675 minutes).
    expect(state.removals).toHaveLength(8);
    expect(logs.filter((line) => line.level === 'warn')).toHaveLength(8);
    expect(await stored(builder)).toEqual(builder);

    // Once the removal works, the next attempt (here a process's first pass) cleans it up.
    state.broken.clear();
    expect(await cleanup().cleanUp()).toEqual({ cleaned: 1, retrying: 0, givenUp: 0 });
    expect(await stored(builder)).toBeUndefined();
  });

  it('gives up once the builder has been expired for 7 days, saying what to remove by hand', async () => {
    const builder = await startedBuilder('octo/gamma');
    state.broken.add('octo/gamma');
    fx.clock.set(builder.expiresAt.getTime() + ABANDONED_BUILD_GIVE_UP_MS - MINUTE);
    expect(await cleanup().cleanUp()).toEqual({ cleaned: 0, retrying: 1, givenUp: 0 });
    expect(logs.filter((line) => line.level === 'error')).toEqual([]);

    fx.clock.advance(MINUTE);
    expect(await cleanup().cleanUp()).toEqual({ cleaned: 0, retrying: 0, givenUp: 1 });
    const errors = logs.filter((line) => line.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toContain(`delivers to ${endpointOf(builder.id)}`);
    expect(errors[0]?.message).toContain(
      'delete it by hand in the webhook settings of repository octo/gamma in Leftover',
    );
    expect(JSON.stringify(logs)).not.toContain(TOKEN);
    expect(await stored(builder)).toBeUndefined();

    state.removals.length = 0;
    await cleanup().cleanUp();
    expect(state.removals).toEqual([]);
  });

  it('only deletes the builder row when the build finished after all', async () => {
    const builder = await startedBuilder();
    // The build stored its subscription (consuming the builder) just after a pass listed the builder.
    await fx.store.subscriptions.createFromBuilder({
      builderId: builder.id,
      limit: 10,
      subscription: { ...subscriptionFrom(builder, 'finished'), credentials: builder.credentials },
    });
    await fx.store.builders.insert(builder);
    fx.clock.advance(BUILDER_TTL_MS + GRACE_MS);
    expect(await cleanup().cleanUp()).toEqual({ cleaned: 1, retrying: 0, givenUp: 0 });
    expect(state.removals).toEqual([]);
    expect(await stored(builder)).toBeUndefined();
    expect(await fx.store.subscriptions.get(builder.workspaceId, builder.id)).toBeDefined();
  });

  it('one failure never stops the others, across pages, and builders never built are left alone', async () => {
    const broken = await startedBuilder('octo/broken');
    fx.clock.advance(MINUTE);
    const fine = await startedBuilder('octo/fine');
    const neverBuilt = await fx.store.builders.get(fx.alice.workspaceId, await readyBuilder('octo/idle'));
    state.broken.add('octo/broken');
    fx.clock.advance(BUILDER_TTL_MS + GRACE_MS);
    // One builder per read: the one left for later must not hold back the next.
    expect(await cleanup(1).cleanUp()).toEqual({ cleaned: 1, retrying: 1, givenUp: 0 });
    expect(state.removals.map((removal) => removal.parameters.repository)).toEqual([
      'octo/broken',
      'octo/fine',
    ]);
    expect(await stored(broken)).toEqual(broken);
    expect(await stored(fine)).toBeUndefined();
    expect(neverBuilt && (await stored(neverBuilt))).toEqual(neverBuilt);
  });
});
