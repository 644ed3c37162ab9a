import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Where the dialects differ under one query builder: how a write transaction starts, how the
 * first start and creating a subscription per (workspace, integration) are serialised, and how a
 * broken unique constraint shows up in an error.
 */
export interface SqlDialectHooks {
  /**
   * Runs `work` in a transaction that may read and then write. SQLite must take the write lock
   * up front (BEGIN IMMEDIATE): a deferred transaction whose snapshot went stale cannot upgrade.
   */
  writeTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  /**
   * Holds, until the transaction ends, the lock under which the first start checks that no
   * workspace exists and creates one, so that processes starting together create one between them.
   */
  lockWorkspaceBootstrap(trx: Kysely<Database>): Promise<void>;
  /** Holds, until the transaction ends, the lock under which subscriptions are counted. */
  lockSubscriptionSlots(trx: Kysely<Database>, workspaceId: string, integration: string): Promise<void>;
  /** Did this error come from the unique (workspace, integration, name) of subscriptions? */
  isSubscriptionNameTaken(error: unknown): boolean;
}
