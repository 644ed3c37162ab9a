import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import { builderRecord, minutesAfter, seedWorkspace, subscriptionFrom, T0 } from '../../contract-fixtures.js';
import { credentialRecord } from '../../oauth-contract-fixtures.js';
import type { CredentialsTable, SubscriptionsTable } from '../database.js';
import { fromCredential } from '../oauth-row-mapping.js';
import { fromSubscription } from '../row-mapping.js';
import { describeMigrationUpgrade } from './migration-upgrade.test-helpers.js';

/** The two tables as the release before this migration wrote them. */
interface TablesBefore {
  credentials: Omit<CredentialsTable, 'refresh_failures' | 'next_refresh_at'>;
  subscriptions: Omit<SubscriptionsTable, 'check_lease_until'>;
}

describeMigrationUpgrade({
  migration: '000005-oauth-confirmations',
  title: 'keeps credentials and subscriptions, unleased and not backing off, and goes down and up again',
  async writeOldRows(db: Kysely<TablesBefore>, store) {
    const { workspaceId } = await seedWorkspace(store);
    const credential = credentialRecord(workspaceId, { expiresAt: minutesAfter(T0, 5) });
    const {
      refresh_failures: _failures,
      next_refresh_at: _next,
      ...credentialRow
    } = fromCredential(credential);
    await db.insertInto('credentials').values(credentialRow).execute();
    const subscription = {
      ...subscriptionFrom(builderRecord(workspaceId), 'kept'),
      nextCheckAt: minutesAfter(T0, -1),
    };
    await db.insertInto('subscriptions').values(fromSubscription(subscription)).execute();
    return { workspaceId, credential, subscription };
  },
  async expectMigrated(store, { workspaceId, credential, subscription }) {
    // The fixtures' new fields are 0 and null: what the migration gives rows written before it.
    expect(await store.credentials.get(workspaceId, credential.id)).toEqual(credential);
    expect(
      await store.credentials.listExpiring({ before: minutesAfter(T0, 10), now: T0, limit: 10 }),
    ).toEqual([credential]);
    expect(await store.subscriptions.listDue(T0, 10)).toEqual([subscription]);
    expect(await store.subscriptions.findById(subscription.id)).toEqual(subscription);
  },
  async expectReverted(db) {
    expect(await db.selectFrom('subscriptions').select('name').execute()).toEqual([{ name: 'kept' }]);
  },
});
