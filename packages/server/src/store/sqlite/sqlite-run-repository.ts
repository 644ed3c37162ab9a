import type { Kysely } from 'kysely';
import type { Database } from '../sql/database.js';
import { SqlRunRepository } from '../sql/sql-run-repository.js';
import type { DispatchCommit, DispatchedLog, NewRunRecord } from '../workflow-records.js';
import type { SqliteDeliveryWriter } from './sqlite-delivery-writer.js';
import { sqliteDialectHooks } from './sqlite-dialect-hooks.js';

const NOTHING_CREATED: DispatchCommit = { runIds: new Map(), created: [] };

/**
 * Runs in SQLite, where a dispatched delivery that started no run (most of them: no trigger
 * listens to its event) is marked by the delivery writer thread, in the transaction of the next
 * batch it stores. The main connection writes only the deliveries that start runs, with their
 * runs, so acks never wait behind its commits or for its write lock.
 */
export class SqliteRunRepository extends SqlRunRepository {
  readonly #deliveries: SqliteDeliveryWriter;

  constructor(db: Kysely<Database>, deliveries: SqliteDeliveryWriter) {
    super(db, sqliteDialectHooks, { skipLocked: false });
    this.#deliveries = deliveries;
  }

  override async commitDispatch(input: {
    readonly runs: readonly NewRunRecord[];
    readonly logs: readonly DispatchedLog[];
    readonly now: Date;
  }): Promise<DispatchCommit> {
    const started: DispatchedLog[] = [];
    const unstarted: DispatchedLog[] = [];
    for (const log of input.logs) (startsRun(log) ? started : unstarted).push(log);
    // Independent writes: a mark made again after a crash writes the same results.
    const [commit] = await Promise.all([
      input.runs.length > 0 || started.length > 0
        ? super.commitDispatch({ runs: input.runs, logs: started, now: input.now })
        : NOTHING_CREATED,
      this.#deliveries.markUnstarted(unstarted, input.now),
    ]);
    return commit;
  }
}

function startsRun(log: DispatchedLog): boolean {
  return log.results.some((event) => event.triggers.some((trigger) => trigger.outcome === 'ran'));
}
