import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@tripline/sdk';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import type { Database as Tables } from '../sql/database.js';
import { migrateToLatest } from '../sql/migrate-to-latest.js';
import { SqlBuilderRepository } from '../sql/sql-builder-repository.js';
import { SqlRequestLogRepository } from '../sql/sql-request-log-repository.js';
import { SqlRunRepository } from '../sql/sql-run-repository.js';
import { SqlScheduleRepository } from '../sql/sql-schedule-repository.js';
import { SqlSubscriptionRepository } from '../sql/sql-subscription-repository.js';
import { SqlTriggerLinkRepository } from '../sql/sql-trigger-link-repository.js';
import { SqlWorkflowRepository } from '../sql/sql-workflow-repository.js';
import { SqlWorkspaceRepository } from '../sql/sql-workspace-repository.js';
import type { Store } from '../store.js';
import { sqliteMigrations } from './migrations/index.js';
import { SqliteDeliveryWriter } from './sqlite-delivery-writer.js';
import { sqliteDialectHooks } from './sqlite-dialect-hooks.js';
import type { SqliteWriterThread } from './sqlite-writer-thread.js';

export interface SqliteStoreOptions {
  /** The database file; its directory is created when missing. */
  readonly file: string;
  readonly logger?: Logger;
  /** How long a statement waits for another connection's write lock. */
  readonly busyTimeoutMs?: number;
  /** A delivery writer thread to share between stores (tests); by default each store has its own. */
  readonly writerThread?: SqliteWriterThread;
}

/**
 * The embedded default: one file in WAL mode. The API and dispatcher use the connection of this
 * thread; deliveries are written by a worker thread with its own connection to the same file.
 */
export class SqliteStore implements Store {
  readonly dialect = 'sqlite';
  readonly workspaces: SqlWorkspaceRepository;
  readonly subscriptions: SqlSubscriptionRepository;
  readonly builders: SqlBuilderRepository;
  readonly requestLogs: SqlRequestLogRepository;
  readonly workflows: SqlWorkflowRepository;
  readonly triggerLinks: SqlTriggerLinkRepository;
  readonly runs: SqlRunRepository;
  readonly schedules: SqlScheduleRepository;
  readonly deliveries: SqliteDeliveryWriter;
  private closing: Promise<void> | undefined;
  private readonly db: Kysely<Tables>;

  constructor(options: SqliteStoreOptions) {
    const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
    mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
    const connection = new Database(options.file);
    connection.pragma('journal_mode = WAL');
    // FULL: a delivery is answered only once it is on disk, and the API's writes are no weaker.
    connection.pragma('synchronous = FULL');
    connection.pragma('foreign_keys = ON');
    connection.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    this.db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: connection }) });
    this.workspaces = new SqlWorkspaceRepository(this.db, sqliteDialectHooks);
    this.subscriptions = new SqlSubscriptionRepository(this.db, sqliteDialectHooks);
    this.builders = new SqlBuilderRepository(this.db);
    this.requestLogs = new SqlRequestLogRepository(this.db);
    this.workflows = new SqlWorkflowRepository(this.db, sqliteDialectHooks);
    this.triggerLinks = new SqlTriggerLinkRepository(this.db);
    this.runs = new SqlRunRepository(this.db, sqliteDialectHooks, { skipLocked: false });
    this.schedules = new SqlScheduleRepository(this.db, sqliteDialectHooks);
    this.deliveries = new SqliteDeliveryWriter({
      file: options.file,
      thread: options.writerThread,
      logger: options.logger,
      busyTimeoutMs,
    });
  }

  migrate(): Promise<readonly string[]> {
    return migrateToLatest(this.db, sqliteMigrations);
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.deliveries.close();
      } finally {
        await this.db.destroy();
      }
    })();
    return this.closing;
  }
}
