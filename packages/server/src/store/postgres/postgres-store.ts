import type { Logger } from '@tripline/sdk';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../sql/database.js';
import { migrateToLatest } from '../sql/migrate-to-latest.js';
import { SqlStoreBase } from '../sql/sql-store-base.js';
import type { Store } from '../store.js';
import { postgresMigrations } from './migrations/index.js';
import { PostgresDeliveryWriter } from './postgres-delivery-writer.js';
import { postgresDialectHooks } from './postgres-dialect-hooks.js';

export interface PostgresStoreOptions {
  /** A `postgres://` URL. */
  readonly connectionString: string;
  readonly logger?: Logger;
  /** Connections in the pool. */
  readonly poolSize?: number;
  /** Told the number of deliveries of each transaction the delivery writer commits. */
  readonly onDeliveryCommit?: (rows: number) => void;
}

// Times are bigint epoch milliseconds, far inside a double's exact range; parsed per pool so the
// process-wide pg defaults stay untouched.
const types: pg.CustomTypesConfig = {
  getTypeParser: ((id: number, format?: 'text' | 'binary') =>
    id === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(id, format)) as typeof pg.types.getTypeParser,
};

/** The scale-out store: several processes share one PostgreSQL database. */
export class PostgresStore extends SqlStoreBase implements Store {
  readonly dialect = 'postgres';
  override readonly deliveries: PostgresDeliveryWriter;

  constructor(options: PostgresStoreOptions) {
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      types,
    });
    // An idle connection that breaks must not crash the process; the next query reconnects.
    pool.on('error', (error) =>
      options.logger?.warn({ err: error.message }, 'an idle PostgreSQL connection failed'),
    );
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    super(db, postgresDialectHooks, { skipLocked: true });
    this.deliveries = new PostgresDeliveryWriter({
      db: this.db,
      logger: options.logger,
      onCommit: options.onDeliveryCommit,
    });
  }

  async migrate(): Promise<readonly string[]> {
    // Kysely looks its bookkeeping tables up across all schemas unless told which one.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db);
    return migrateToLatest(this.db, postgresMigrations, rows[0]?.schema);
  }
}
