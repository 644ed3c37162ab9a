import Database from 'better-sqlite3';
import {
  asDuplicateRow,
  DEDUPE_INDEX_PREDICATE,
  duplicateReceipt,
  type NewRequestLogRow,
  type OriginalDeliveryRow,
} from '../sql/duplicate-delivery.js';
import type { DeliveryReceipt } from '../store.js';
import type { WireOutcome } from './delivery-worker-protocol.js';

const COLUMNS = [
  'id',
  'endpoint_id',
  'workspace_id',
  'integration',
  'received_at',
  'method',
  'path',
  'headers',
  'body',
  'response_status',
  'response_headers',
  'response_body',
  'delivery_id',
  'events',
  'outcome',
  'reason',
  'dispatch_state',
  'dispatched_at',
  'runs',
  'replay_of',
] as const satisfies readonly (keyof NewRequestLogRow)[];

interface Statements {
  readonly insert: Database.Statement;
  readonly findOriginal: Database.Statement;
}

/**
 * The writer thread's connection to one database file: prepared statements and one IMMEDIATE
 * transaction per batch. Runs inside the writer thread only.
 */
export class DeliveryConnection {
  private readonly db: Database.Database;
  // Prepared on first use: the schema may not exist yet when the store opens, before migrate().
  private statements: Statements | undefined;
  private readonly writeAll: Database.Transaction<(rows: readonly NewRequestLogRow[]) => DeliveryReceipt[]>;
  private readonly writeSingle: Database.Transaction<(row: NewRequestLogRow) => DeliveryReceipt>;

  constructor(file: string, busyTimeoutMs: number) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma('journal_mode = WAL');
    // FULL: a delivery is answered only once its transaction is on disk.
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    // A batch of 8 KB bodies dirties a few megabytes; a small cache would spill it mid-transaction.
    this.db.pragma('cache_size = -32768');
    this.writeAll = this.db.transaction((rows: readonly NewRequestLogRow[]) =>
      rows.map((row) => this.writeOne(row)),
    );
    this.writeSingle = this.db.transaction((row: NewRequestLogRow) => this.writeOne(row));
  }

  /** Writes rows in one transaction, or each alone when that fails; one outcome per row. */
  writeRows(rows: readonly NewRequestLogRow[]): WireOutcome[] {
    try {
      return this.writeAll.immediate(rows).map((receipt) => ({ ok: true, receipt }));
    } catch {
      // One bad row must not fail the requests that share its transaction.
      return rows.map((row) => {
        try {
          return { ok: true, receipt: this.writeSingle.immediate(row) };
        } catch (error) {
          return { ok: false, message: error instanceof Error ? error.message : String(error) };
        }
      });
    }
  }

  close(): void {
    this.db.close();
  }

  private writeOne(row: NewRequestLogRow): DeliveryReceipt {
    const { insert, findOriginal } = this.prepare();
    if (insert.run(row).changes > 0) return { duplicate: false, id: row.id };
    const original = findOriginal.get(row.endpoint_id, row.delivery_id) as OriginalDeliveryRow | undefined;
    if (original === undefined) throw new Error(`log ${row.id} conflicted with no accepted delivery`);
    insert.run(asDuplicateRow(row, original));
    return duplicateReceipt(row.id, original);
  }

  private prepare(): Statements {
    this.statements ??= {
      // Rows outside the partial unique index never conflict, so one statement serves every row.
      insert: this.db.prepare(
        `INSERT INTO request_logs (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})
         ON CONFLICT (endpoint_id, delivery_id) WHERE ${DEDUPE_INDEX_PREDICATE} DO NOTHING`,
      ),
      findOriginal: this.db.prepare(
        `SELECT id, response_status, response_headers, response_body FROM request_logs
         WHERE endpoint_id = ? AND delivery_id = ? AND ${DEDUPE_INDEX_PREDICATE}`,
      ),
    };
    return this.statements;
  }
}
