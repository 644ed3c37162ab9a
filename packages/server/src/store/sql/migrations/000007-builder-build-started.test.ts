import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { builderRecord, minutesAfter, seedWorkspace, T0 } from '../../contract-fixtures.js';
import type { SubscriptionBuildersTable } from '../database.js';
import { fromBuilder } from '../row-mapping.js';
import { describeMigrationUpgrade } from './migration-upgrade.test-helpers.js';

/** The builders table as the release before this migration wrote it. */
interface TablesBefore {
  subscription_builders: Omit<SubscriptionBuildersTable, 'build_started_at'>;
}

describeMigrationUpgrade({
  migration: '000007-builder-build-started',
  title: 'keeps existing builders, none of them an abandoned build, and goes down and up again',
  async writeOldRows(db: Kysely<TablesBefore>, store) {
    const { workspaceId } = await seedWorkspace(store);
    const builder = builderRecord(workspaceId, { method: 'api-key', name: 'pending' });
    const { build_started_at: _started, ...row } = fromBuilder(builder);
    await db.insertInto('subscription_builders').values(row).execute();
    return { workspaceId, builder };
  },
  async expectMigrated(store, { workspaceId, builder }) {
    // The fixture's buildStartedAt is null: what the migration gives rows written before it.
    expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);
    expect(await store.builders.listAbandonedBuilds(minutesAfter(T0, 60), 10)).toEqual([]);
  },
  async expectReverted(db, { builder }) {
    expect(await db.selectFrom('subscription_builders').select(['id', 'name']).execute()).toEqual([
      { id: builder.id, name: 'pending' },
    ]);
  },
});
