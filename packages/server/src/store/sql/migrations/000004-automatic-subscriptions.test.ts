import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Dialect, Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builderRecord, seedWorkspace, subscriptionFrom, T0 } from '../../contract-fixtures.js';
import { postgresMigrations } from '../../postgres/migrations/index.js';
import { PostgresStore } from '../../postgres/postgres-store.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../../postgres/postgres-test-database.test-helpers.js';
import { sqliteMigrations } from '../../sqlite/migrations/index.js';
import { SqliteStore } from '../../sqlite/sqlite-store.js';
import type { Store } from '../../store.js';
import type { SubscriptionBuildersTable, SubscriptionsTable } from '../database.js';
import { fromBuilder, fromSubscription } from '../row-mapping.js';

const MIGRATION = '000004-automatic-subscriptions';
/** Applied with it by `store.migrate()`. */
const LATER = ['000005-oauth-confirmations'];

/** The two tables as the release before this migration wrote them. */
interface TablesBefore {
  subscription_builders: Omit<SubscriptionBuildersTable, 'credential_id'>;
  subscriptions: Omit<
    SubscriptionsTable,
    'credential_id' | 'next_check_at' | 'check_failures' | 'last_checked_at'
  >;
}

/** One empty database, reached both by a bare connection and by the store. */
interface Target {
  readonly migrations: Readonly<Record<string, Migration>>;
  readonly dialect: Dialect;
  readonly store: Store;
}

let dir: string;
let postgres: PostgresTestDatabase;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'tripline-migration-'));
  postgres = await createPostgresTestDatabase();
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await postgres.drop();
});

const targets: Record<string, () => Promise<Target>> = {
  sqlite: async () => {
    const file = path.join(dir, 'upgrade.db');
    return {
      migrations: sqliteMigrations,
      dialect: new SqliteDialect({ database: new Database(file) }),
      store: new SqliteStore({ file }),
    };
  },
  postgres: async () => {
    const url = await postgres.freshUrl();
    return {
      migrations: postgresMigrations,
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }),
      store: new PostgresStore({ connectionString: url }),
    };
  },
};

describe.each(Object.entries(targets))('%s migration', (_name, open) => {
  it(`${MIGRATION} keeps existing rows, with nothing to check, and goes down and up again`, async () => {
    const { migrations, dialect, store } = await open();
    const db = new Kysely<TablesBefore>({ dialect });
    const migrator = (upTo: string) =>
      new Migrator({
        db,
        provider: {
          getMigrations: async () =>
            Object.fromEntries(Object.entries(migrations).filter(([migration]) => migration <= upTo)),
        },
      });
    try {
      expect((await migrator('000003-schedule-fires').migrateToLatest()).error).toBeUndefined();
      const { workspaceId } = await seedWorkspace(store);
      const builder = builderRecord(workspaceId, { name: 'pending' });
      const { credential_id: _builderCredential, ...builderRow } = fromBuilder(builder);
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

      expect(await store.migrate()).toEqual([MIGRATION, ...LATER]);
      // The fixtures' new fields are null and 0: what the migration gives rows written before it.
      expect(await store.builders.get(workspaceId, builder.id)).toEqual(builder);
      expect(await store.subscriptions.findById(subscription.id)).toEqual(subscription);
      expect(await store.subscriptions.listDue(T0, 10)).toEqual([]);

      const down = await migrator('999999').migrateTo('000003-schedule-fires');
      expect(down.error).toBeUndefined();
      expect(down.results?.map((result) => [result.migrationName, result.status])).toEqual([
        ...LATER.map((later) => [later, 'Success']).reverse(),
        [MIGRATION, 'Success'],
      ]);
      expect(await db.selectFrom('subscriptions').select('name').execute()).toEqual([{ name: 'kept' }]);
      expect(await store.migrate()).toEqual([MIGRATION, ...LATER]);
      expect(await store.subscriptions.findById(subscription.id)).toEqual(subscription);
    } finally {
      await store.close();
      await db.destroy();
    }
  });
});
