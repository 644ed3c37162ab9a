import type { Kysely } from 'kysely';
import type { RunListQuery, RunRepository } from '../store.js';
import type {
  DispatchCommit,
  DispatchedLog,
  NewRunRecord,
  RunCompletion,
  RunRecord,
  RunSummaryRecord,
} from '../workflow-records.js';
import type { Database } from './database.js';
import type { SqlDialectHooks } from './sql-dialect-hooks.js';
import { commitDispatch } from './sql-dispatch-commit.js';
import { fromNewRun, RUN_SUMMARY_COLUMNS, toRun, toRunSummary } from './workflow-row-mapping.js';

export interface SqlRunRepositoryOptions {
  /**
   * Claims skip rows another transaction holds (FOR UPDATE SKIP LOCKED), so workers of several
   * processes never wait on each other. PostgreSQL only; SQLite has one writer at a time anyway.
   */
  readonly skipLocked: boolean;
}

export class SqlRunRepository implements RunRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly hooks: SqlDialectHooks,
    private readonly options: SqlRunRepositoryOptions,
  ) {}

  async create(run: NewRunRecord): Promise<RunRecord> {
    const row = await this.db
      .insertInto('runs')
      .values(fromNewRun(run))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRun(row);
  }

  async get(workspaceId: string, id: string): Promise<RunRecord | undefined> {
    const row = await this.db
      .selectFrom('runs')
      .selectAll()
      .where('id', '=', id)
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst();
    return row && toRun(row);
  }

  async list(query: RunListQuery): Promise<readonly RunSummaryRecord[]> {
    let select = this.db
      .selectFrom('runs')
      .select(RUN_SUMMARY_COLUMNS)
      .where('workflow_id', '=', query.workflowId)
      .where('workspace_id', '=', query.workspaceId);
    if (query.before !== undefined) select = select.where('id', '<', query.before);
    const rows = await select
      .orderBy('id', 'desc')
      .limit(Math.min(Math.max(Math.trunc(query.limit), 1), 200))
      .execute();
    return rows.map(toRunSummary);
  }

  commitDispatch(input: {
    readonly runs: readonly NewRunRecord[];
    readonly logs: readonly DispatchedLog[];
    readonly now: Date;
  }): Promise<DispatchCommit> {
    return this.hooks.writeTransaction(this.db, (trx) => commitDispatch(trx, input));
  }

  async claim(input: {
    readonly workerId: string;
    readonly limit: number;
    readonly now: Date;
  }): Promise<RunRecord[]> {
    if (input.limit <= 0) return [];
    const now = input.now.getTime();
    const limit = Math.trunc(input.limit);
    const running = { status: 'running', worker_id: input.workerId, heartbeat_at: now, started_at: now };
    // PostgreSQL would run an IN (... FOR UPDATE SKIP LOCKED) subquery again per row and, skipping
    // the rows this statement just changed, claim far more than the limit: pick the ids once, in a
    // materialised CTE. SQLite evaluates the IN list once and has one writer at a time anyway.
    const rows = this.options.skipLocked
      ? await this.db
          .with(
            (cte) => cte('next').materialized(),
            (db) =>
              db
                .selectFrom('runs')
                .select('id')
                .where('status', '=', 'queued')
                .orderBy('id')
                .limit(limit)
                .forUpdate()
                .skipLocked(),
          )
          .updateTable('runs')
          .set(running)
          .from('next')
          .whereRef('runs.id', '=', 'next.id')
          .returningAll('runs')
          .execute()
      : await this.db
          .updateTable('runs')
          .set(running)
          .where('id', 'in', (eb) =>
            eb.selectFrom('runs').select('id').where('status', '=', 'queued').orderBy('id').limit(limit),
          )
          .where('status', '=', 'queued')
          .returningAll()
          .execute();
    return rows.map(toRun).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  async heartbeat(workerId: string, now: Date): Promise<void> {
    await this.db
      .updateTable('runs')
      .set({ heartbeat_at: now.getTime() })
      .where('worker_id', '=', workerId)
      .where('status', '=', 'running')
      .execute();
  }

  finish(completions: readonly RunCompletion[]): Promise<readonly string[]> {
    if (completions.length === 0) return Promise.resolve([]);
    return this.hooks.writeTransaction(this.db, async (trx) => {
      const stored: string[] = [];
      for (const completion of completions) {
        const result = await trx
          .updateTable('runs')
          .set({
            status: completion.status,
            outputs: completion.outputs === null ? null : JSON.stringify(completion.outputs),
            error: completion.error,
            trace: JSON.stringify(completion.trace),
            finished_at: completion.finishedAt.getTime(),
          })
          .where('id', '=', completion.runId)
          .where('worker_id', '=', completion.workerId)
          .where('status', '=', 'running')
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) > 0) stored.push(completion.runId);
      }
      return stored;
    });
  }

  async failAbandoned(input: {
    readonly staleBefore?: Date;
    readonly exceptWorkerId: string;
    readonly reason: string;
    readonly now: Date;
  }): Promise<readonly string[]> {
    let update = this.db
      .updateTable('runs')
      .set({ status: 'failed', error: input.reason, finished_at: input.now.getTime() })
      .where('status', '=', 'running')
      .where('worker_id', '!=', input.exceptWorkerId);
    if (input.staleBefore !== undefined) {
      update = update.where('heartbeat_at', '<', input.staleBefore.getTime());
    }
    const rows = await update.returning('id').execute();
    return rows.map((row) => row.id);
  }
}
