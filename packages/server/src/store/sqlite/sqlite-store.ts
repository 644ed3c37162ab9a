import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@tripline/sdk';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database as Tables } from '../sql/database.js';
import { migrateToLatest } from '../sql/migrate-to-latest.js';
import { SqlStoreBase } from '../sql/sql-store-base.js';
import type { Store } from '../store.js';
import { sqliteMigrations } from './migrations/index.js';
import { SqliteDeliveryWriter } from './sqlite-delivery-writer.js';
import { sqliteDialectHooks } from './sqlite-dialect-hooks.js';
import { SqliteRunRepository } from './sqlite-run-repository.js';
import type { SqliteWriterThread } from './sqlite-writer-thread.js';

export interface SqliteStoreOptions {
  /** The database file; its directory is created when missing. */
  readonly file: string;
  readonly logger?: Logger;
  /** How long a statement waits for another connection's write lock. */
  readonly busyTimeoutMs?: number;
  /** A delivery writer thread to share between stores (tests); by default each store has its own. */
  readonly writerThread?: SqliteWriterThread;
  /** Told the number of deliveries of each transaction the delivery writer commits. */
  readonly onDeliveryCommit?: (rows: number) => void;
}

/**
 * The embedded default: one file in WAL mode. The API and dispatcher use the connection of this
 * thread; deliveries are written by a worker thread with its own connection to the same file.
 */
export class SqliteStore extends SqlStoreBase implements Store {
  readonly dialect = 'sqlite';
  override readonly deliveries: SqliteDeliveryWriter;
  override readonly runs: SqliteRunRepository;

  constructor(options: SqliteStoreOptions) {
    const busyTimeoutMs = options.busyTimeoutMs ?? 5_000;
    mkdirSync(path.dirname(path.resolve(options.file)), { recursive: true });
    const connection = new Database(options.file);
    connection.pragma('journal_mode = WAL');
    // FULL: a delivery is answered only once it is on disk, and the API's writes are no weaker.
    connection.pragma('synchronous = FULL');
    connection.pragma('foreign_keys = ON');
    connection.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: connection }) });
    super(db, sqliteDialectHooks, { skipLocked: false });
    this.deliveries = new SqliteDeliveryWriter({
      file: options.file,
      thread: options.writerThread,
      logger: options.logger,
      busyTimeoutMs,
      onCommit: options.onDeliveryCommit,
    });
    this.runs = new SqliteRunRepository(db, this.deliveries);
  }

  migrate(): Promise<readonly string[]> {
    return migrateToLatest(this.db, sqliteMigrations);
  }
}
