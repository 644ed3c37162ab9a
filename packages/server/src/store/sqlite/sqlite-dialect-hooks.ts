import { sql } from 'kysely';
import type { SqlDialectHooks } from '../sql/sql-dialect-hooks.js';

export const sqliteDialectHooks: SqlDialectHooks = {
  writeTransaction(db, work) {
    // Kysely's SQLite driver owns one connection; holding it keeps the transaction's statements
    // together, and BEGIN IMMEDIATE takes the write lock before the first read.
    return db.connection().execute(async (connection) => {
      await sql`begin immediate`.execute(connection);
      try {
        const result = await work(connection);
        await sql`commit`.execute(connection);
        return result;
      } catch (error) {
        await sql`rollback`.execute(connection).catch(() => {
          // SQLite may already have rolled back (e.g. on a full disk); the first error matters.
        });
        throw error;
      }
    });
  },

  async lockWorkspaceBootstrap() {
    // BEGIN IMMEDIATE already holds the database's single write lock, across processes too.
  },

  async lockSubscriptionSlots() {
    // BEGIN IMMEDIATE already holds the database's single write lock.
  },

  isSubscriptionNameTaken(error) {
    return (
      error instanceof Error &&
      (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
      error.message.includes('subscriptions.name')
    );
  },
};
