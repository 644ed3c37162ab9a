import { type Kysely, sql } from 'kysely';
import type { RunListQuery, RunRepository } from '../store.js';
import {
  type DispatchCommit,
  type DispatchedLog,
  FINISHED_RUN_STATUSES,
  type NewRunRecord,
  type RunCompletion,
  type RunRecord,
  type RunSummaryRecord,
} from '../workflow-records.js';
import type { Database } from './database.js';
import type { SqlDialectHooks } from './sql-dialect-hooks.js';
import { commitDispatch } from './sql-dispatch-commit.js';
import { timeOrderedIdFloor } from './time-ordered-id-floor.js';
import { fromNewRun, RUN_SUMMARY_COLUMNS, toRun, toRunSummary } from './workflow-row-mapping.js';

export interface SqlRunRepositoryOptions {
  /**
   * Claims skip rows another transaction holds (FOR UPDATE SKIP LOCKED), so workers of several
   * processes never wait on each other. PostgreSQL only; SQLite has one writer at a time anyway.
   */
  readonly skipLocked: boolean;
}

/** Runs per finishing statement: 7 parameters each, well under SQLite's limit. */
const FINISH_CHUNK = 200;

interface ClaimInput {
  readonly workerId: string;
  readonly limit: number;
  readonly now: Date;
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
      .where('workspace_id', '=', query.workspaceId);
    if (query.workflowId !== undefined) select = select.where('workflow_id', '=', query.workflowId);
    if (query.status !== undefined) select = select.where('status', '=', query.status);
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

  claim(input: ClaimInput): Promise<RunRecord[]> {
    if (input.limit <= 0) return Promise.resolve([]);
    return this.#claimIn(this.db, input);
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
    return this.hooks.writeTransaction(this.db, (trx) => this.#finishIn(trx, completions));
  }

  async finishAndClaim(input: {
    readonly completions: readonly RunCompletion[];
    readonly claim: ClaimInput;
  }): Promise<{ readonly stored: readonly string[]; readonly claimed: RunRecord[] }> {
    if (input.completions.length === 0) return { stored: [], claimed: await this.claim(input.claim) };
    if (input.claim.limit <= 0) return { stored: await this.finish(input.completions), claimed: [] };
    return this.hooks.writeTransaction(this.db, async (trx) => ({
      stored: await this.#finishIn(trx, input.completions),
      claimed: await this.#claimIn(trx, input.claim),
    }));
  }

  async #claimIn(db: Kysely<Database>, input: ClaimInput): Promise<RunRecord[]> {
    const now = input.now.getTime();
    const limit = Math.trunc(input.limit);
    const running = { status: 'running', worker_id: input.workerId, heartbeat_at: now, started_at: now };
    // PostgreSQL would run an IN (... FOR UPDATE SKIP LOCKED) subquery again per row and, skipping
    // the rows this statement just changed, claim far more than the limit: pick the ids once, in a
    // materialised CTE. SQLite evaluates the IN list once and has one writer at a time anyway.
    const rows = this.options.skipLocked
      ? await db
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
      : await db
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

  /**
   * One UPDATE per chunk, joined to a VALUES list (columns column1..7 on both SQLite and
   * PostgreSQL), instead of one statement per run: each statement is compiled and prepared anew.
   */
  async #finishIn(trx: Kysely<Database>, completions: readonly RunCompletion[]): Promise<string[]> {
    const stored: string[] = [];
    for (let start = 0; start < completions.length; start += FINISH_CHUNK) {
      const rows = completions
        .slice(start, start + FINISH_CHUNK)
        .map(
          (completion) =>
            sql`(${completion.runId}, ${completion.workerId}, ${completion.status}, ${
              completion.outputs === null ? null : JSON.stringify(completion.outputs)
            }, ${completion.error}, ${JSON.stringify(completion.trace)}, ${completion.finishedAt.getTime()})`,
        );
      const result = await sql<{ id: string }>`update runs set
          status = v.column3, outputs = v.column4, error = v.column5, trace = v.column6,
          finished_at = cast(v.column7 as bigint)
        from (values ${sql.join(rows)}) as v
        where runs.id = v.column1 and runs.worker_id = v.column2 and runs.status = 'running'
        returning runs.id`.execute(trx);
      for (const row of result.rows) stored.push(row.id);
    }
    return stored;
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

  async deleteFinished(input: { readonly finishedBefore: Date; readonly limit: number }): Promise<number> {
    const limit = Math.trunc(input.limit);
    if (limit <= 0) return 0;
    const before = input.finishedBefore.getTime();
    // A run that finished before the cutoff was created before it, and run ids are time-ordered:
    // the id bound walks the primary key over old runs only, instead of reading every row (and
    // its trace) to find out when it finished. The trace is a column of the run: it goes along.
    const result = await this.db
      .deleteFrom('runs')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('runs')
          .select('id')
          .where('id', '<', timeOrderedIdFloor(before))
          .where('status', 'in', FINISHED_RUN_STATUSES)
          .where('finished_at', '<', before)
          .orderBy('id')
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
