import { describe, expect, it } from 'vitest';
import { builderCleanup } from './builder-cleanup.js';
import { BuilderService } from './builder-service.js';
import { type SubscriptionFixture, useSubscriptionFixture } from './subscription-fixture.test-helpers.js';

describe('builderCleanup', () => {
  let fx: SubscriptionFixture;

  useSubscriptionFixture((opened) => {
    fx = opened;
  });

  it('deletes expired builders and keeps live ones', async () => {
    const builders = new BuilderService(fx.options);
    const old = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    fx.clock.advance(20 * 60 * 1000);
    const recent = await builders.create(fx.alice, 'hooks', { method: 'manual' });
    fx.clock.advance(15 * 60 * 1000);
    await builderCleanup({ store: fx.store, clock: fx.clock, logger: fx.options.logger }).runOnce();
    expect(await fx.store.builders.get(fx.alice.workspaceId, old.id)).toBeUndefined();
    expect(await fx.store.builders.get(fx.alice.workspaceId, recent.id)).toBeDefined();
  });
});
