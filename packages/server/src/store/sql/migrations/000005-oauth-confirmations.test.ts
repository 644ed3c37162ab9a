import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Dialect, Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builderRecord, minutesAfter, seedWorkspace, subscriptionFrom, T0 } from '../../contract-fixtures.js';
import { credentialRecord } from '../../oauth-contract-fixtures.js';
import { postgresMigrations } from '../../postgres/migrations/index.js';
import { PostgresStore } from '../../postgres/postgres-store.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../../postgres/postgres-test-database.test-helpers.js';
import { sqliteMigrations } from '../../sqlite/migrations/index.js';
import { SqliteStore } from '../../sqlite/sqlite-store.js';
import type { Store } from '../../store.js';
import type { CredentialsTable, SubscriptionsTable } from '../database.js';
import { fromCredential } from '../oauth-row-mapping.js';
import { fromSubscription } from '../row-mapping.js';

const MIGRATION = '000005-oauth-confirmations';
const BEFORE = '000004-automatic-subscriptions';

/** The two tables as the release before this migration wrote them. */
interface TablesBefore {
  credentials: Omit<CredentialsTable, 'refresh_failures' | 'next_refresh_at'>;
  subscriptions: Omit<SubscriptionsTable, 'check_lease_until'>;
}

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
    const file = path.join(dir, 'upgrade-000005.db');
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
  it(`${MIGRATION} keeps credentials and subscriptions, unleased and not backing off, and goes down and up again`, async () => {
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
      expect((await migrator(BEFORE).migrateToLatest()).error).toBeUndefined();
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

      expect(await store.migrate()).toEqual([MIGRATION]);
      // The fixtures' new fields are 0 and null: what the migration gives rows written before it.
      expect(await store.credentials.get(workspaceId, credential.id)).toEqual(credential);
      expect(
        await store.credentials.listExpiring({ before: minutesAfter(T0, 10), now: T0, limit: 10 }),
      ).toEqual([credential]);
      expect(await store.subscriptions.listDue(T0, 10)).toEqual([subscription]);

      const down = await migrator(MIGRATION).migrateDown();
      expect(down.error).toBeUndefined();
      expect(down.results?.map((result) => [result.migrationName, result.status])).toEqual([
        [MIGRATION, 'Success'],
      ]);
      expect(await db.selectFrom('subscriptions').select('name').execute()).toEqual([{ name: 'kept' }]);
      expect(await store.migrate()).toEqual([MIGRATION]);
      expect(await store.subscriptions.findById(subscription.id)).toEqual(subscription);
    } finally {
      await store.close();
      await db.destroy();
    }
  });
});
