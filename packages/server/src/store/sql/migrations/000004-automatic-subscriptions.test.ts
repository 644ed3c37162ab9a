import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { builderRecord, seedWorkspace, subscriptionFrom, T0 } from '../../contract-fixtures.js';
import type { SubscriptionBuildersTable, SubscriptionsTable } from '../database.js';
import { fromBuilder, fromSubscription } from '../row-mapping.js';
import { describeMigrationUpgrade } from './migration-upgrade.test-helpers.js';

/** The two tables as the release before this migration wrote them. */
interface TablesBefore {
  subscription_builders: Omit<SubscriptionBuildersTable, 'credential_id' | 'build_started_at'>;
  subscriptions: Omit<
    SubscriptionsTable,
    'credential_id' | 'next_check_at' | 'check_failures' | 'last_checked_at'
  >;
}

describeMigrationUpgrade({
  migration: '000004-automatic-subscriptions',
  title: 'keeps existing rows, with nothing to check, and goes down and up again',
  async writeOldRows(db: Kysely<TablesBefore>, store) {
    const { workspaceId } = await seedWorkspace(store);
    const builder = builderRecord(workspaceId, { name: 'pending' });
    const {
      credential_id: _builderCredential,
      build_started_at: _buildStarted,
      ...builderRow
    } = fromBuilder(builder);
    await db.insertInto('subscription_builders').values(builderRow).execute();
    const subscription = subscriptionFrom(builderRecord(workspaceId), 'kept');
    const {
      credential_id: _credential,
      next_check_at: _next,
      check_failures: _failures,
      last_checked_at: _last,
      ...subscriptionRow
    } = fromSubscription(subscription);
    await db.insertInto('subscriptions').values(subscriptionRow).execute();
    return { workspaceId, builder, subscription };
  },
  async expectMigrated(store, { workspaceId, builder, subscription }) {
    // The fixtures' new fields are null and 0: what the migration gives rows written before it.
    expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);
    expect(await store.subscriptions.findById(subscription.id)).toEqual(subscription);
    expect(await store.subscriptions.listDue(T0, 10)).toEqual([]);
  },
  async expectReverted(db) {
    expect(await db.selectFrom('subscriptions').select('name').execute()).toEqual([{ name: 'kept' }]);
  },
});
