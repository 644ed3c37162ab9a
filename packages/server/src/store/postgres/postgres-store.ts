import type { Logger } from '@tripline/sdk';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../sql/database.js';
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
import { postgresMigrations } from './migrations/index.js';
import { PostgresDeliveryWriter } from './postgres-delivery-writer.js';
import { postgresDialectHooks } from './postgres-dialect-hooks.js';

export interface PostgresStoreOptions {
  /** A `postgres://` URL. */
  readonly connectionString: string;
  readonly logger?: Logger;
  /** Connections in the pool. */
  readonly poolSize?: number;
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
export class PostgresStore implements Store {
  readonly dialect = 'postgres';
  readonly workspaces: SqlWorkspaceRepository;
  readonly subscriptions: SqlSubscriptionRepository;
  readonly builders: SqlBuilderRepository;
  readonly requestLogs: SqlRequestLogRepository;
  readonly workflows: SqlWorkflowRepository;
  readonly triggerLinks: SqlTriggerLinkRepository;
  readonly runs: SqlRunRepository;
  readonly schedules: SqlScheduleRepository;
  readonly deliveries: PostgresDeliveryWriter;
  private closing: Promise<void> | undefined;
  private readonly db: Kysely<Database>;

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
    this.db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    this.workspaces = new SqlWorkspaceRepository(this.db, postgresDialectHooks);
    this.subscriptions = new SqlSubscriptionRepository(this.db, postgresDialectHooks);
    this.builders = new SqlBuilderRepository(this.db);
    this.requestLogs = new SqlRequestLogRepository(this.db);
    this.workflows = new SqlWorkflowRepository(this.db, postgresDialectHooks);
    this.triggerLinks = new SqlTriggerLinkRepository(this.db);
    this.runs = new SqlRunRepository(this.db, postgresDialectHooks, { skipLocked: true });
    this.schedules = new SqlScheduleRepository(this.db, postgresDialectHooks);
    this.deliveries = new PostgresDeliveryWriter({ db: this.db, logger: options.logger });
  }

  async migrate(): Promise<readonly string[]> {
    // Kysely looks its bookkeeping tables up across all schemas unless told which one.
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(this.db);
    return migrateToLatest(this.db, postgresMigrations, rows[0]?.schema);
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
