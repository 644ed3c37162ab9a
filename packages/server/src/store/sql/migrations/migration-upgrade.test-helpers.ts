import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type Dialect, Kysely, type Migration, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresMigrations } from '../../postgres/migrations/index.js';
import { PostgresStore } from '../../postgres/postgres-store.js';
import {
  createPostgresTestDatabase,
  type PostgresTestDatabase,
} from '../../postgres/postgres-test-database.test-helpers.js';
import { sqliteMigrations } from '../../sqlite/migrations/index.js';
import { SqliteStore } from '../../sqlite/sqlite-store.js';
import type { Store } from '../../store.js';

/**
 * One upgrade case: a database at the release before `migration`, rows written as that release
 * wrote them, then the migration up, down and up again. `Tables` types those tables as they were.
 */
export interface MigrationUpgradeCase<Tables, Written> {
  /** The migration under test, e.g. `000005-oauth-confirmations`. */
  readonly migration: string;
  /** What the test shows, after the migration's name. */
  readonly title: string;
  /**
   * Writes rows as the release before wrote them: through `db` for the tables the migration
   * changes, through `store` for those it leaves alone.
   */
  writeOldRows(db: Kysely<Tables>, store: Store): Promise<Written>;
  /** What the store reads of those rows once migrated; checked after each of the two ups. */
  expectMigrated(store: Store, written: Written): Promise<void>;
  /** What is left of those rows once the migration went down again. */
  expectReverted(db: Kysely<Tables>, written: Written): Promise<void>;
}

/** One empty database, reached both by a bare connection and by the store. */
interface Target {
  readonly migrations: Readonly<Record<string, Migration>>;
  readonly dialect: Dialect;
  readonly store: Store;
}

/**
 * Runs an upgrade case on SQLite and on the local PostgreSQL, each in an empty database. The
 * store's `migrate()` must apply the migration and every later one, and going down to the
 * migration before must undo exactly those, so the case keeps working as migrations are added.
 */
export function describeMigrationUpgrade<Tables, Written>(
  upgrade: MigrationUpgradeCase<Tables, Written>,
): void {
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
      const file = path.join(dir, `upgrade-${upgrade.migration}.db`);
      return {
        migrations: sqliteMigrations,
        dialect: new SqliteDialect({ database: new Database(file) }),
        store: new SqliteStore({ file }),
      };
    },
    postgres: async () => {
      const url = await postgres.freshUrl();
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      // The database is dropped WITH (FORCE) after the file; a connection still closing then is
      // terminated by the server, which must not end the test run as an unhandled error.
      pool.on('error', () => {});
      return {
        migrations: postgresMigrations,
        dialect: new PostgresDialect({ pool }),
        store: new PostgresStore({ connectionString: url }),
      };
    },
  };

  describe.each(Object.entries(targets))('%s migration', (_name, open) => {
    it(`${upgrade.migration} ${upgrade.title}`, async () => {
      const { migrations, dialect, store } = await open();
      const { before, applied } = splitAt(migrations, upgrade.migration);
      const db = new Kysely<Tables>({ dialect });
      // A bare migrator: the store's own `migrate()` only ever goes up, and to the latest.
      const migrator = (upTo?: string) =>
        new Migrator({
          db,
          provider: {
            getMigrations: async () =>
              Object.fromEntries(
                Object.entries(migrations).filter(([migration]) => upTo === undefined || migration <= upTo),
              ),
          },
        });
      try {
        expect((await migrator(before).migrateToLatest()).error).toBeUndefined();
        const written = await upgrade.writeOldRows(db, store);

        expect(await store.migrate()).toEqual(applied);
        await upgrade.expectMigrated(store, written);

        const down = await migrator().migrateTo(before);
        expect(down.error).toBeUndefined();
        expect(down.results?.map((result) => [result.migrationName, result.status])).toEqual(
          applied.map((migration) => [migration, 'Success']).reverse(),
        );
        await upgrade.expectReverted(db, written);

        expect(await store.migrate()).toEqual(applied);
        await upgrade.expectMigrated(store, written);
      } finally {
        await store.close();
        await db.destroy();
      }
    });
  });
}

/** The migration just before `migration`, and `migration` with every later one, in order. */
function splitAt(
  migrations: Readonly<Record<string, Migration>>,
  migration: string,
): { readonly before: string; readonly applied: readonly string[] } {
  const names = Object.keys(migrations).sort();
  const index = names.indexOf(migration);
  const before = names[index - 1];
  if (index < 1 || before === undefined) {
    throw new Error(`${migration} is not a migration after the first; known: ${names.join(', ')}`);
  }
  return { before, applied: names.slice(index) };
}
