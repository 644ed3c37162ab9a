import Database from 'better-sqlite3';
import {
  asDuplicateRow,
  DEDUPE_INDEX_PREDICATE,
  duplicateReceipt,
  type NewRequestLogRow,
  type OriginalDeliveryRow,
} from '../sql/duplicate-delivery.js';
import type { DeliveryReceipt } from '../store.js';
import type { DispatchMark, WireOutcome } from './delivery-worker-protocol.js';

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
  readonly markDone: Database.Statement;
}

/** Dispatch marks of one time, written with the rows of the same transaction. */
export interface MarkGroup {
  readonly dispatchedAt: number;
  readonly marks: readonly DispatchMark[];
}

/**
 * Rows written or marked between two checkpoints: about SQLite's automatic 1,000 pages for 8 KB
 * deliveries (each is three 4 KB pages, and its mark rewrites them).
 */
const CHECKPOINT_EVERY = 200;

/**
 * The writer thread's connection to one database file: prepared statements and one IMMEDIATE
 * transaction per batch. Runs inside the writer thread only.
 */
export class DeliveryConnection {
  private readonly db: Database.Database;
  // Prepared on first use: the schema may not exist yet when the store opens, before migrate().
  private statements: Statements | undefined;
  private readonly writeAll: Database.Transaction<
    (rows: readonly NewRequestLogRow[], marks: readonly MarkGroup[]) => DeliveryReceipt[]
  >;
  private readonly writeSingle: Database.Transaction<(row: NewRequestLogRow) => DeliveryReceipt>;
  private readonly markAll: Database.Transaction<(marks: readonly MarkGroup[]) => void>;
  private writtenSinceCheckpoint = 0;

  constructor(file: string, busyTimeoutMs: number) {
    this.db = new Database(file, { fileMustExist: true });
    this.db.pragma('journal_mode = WAL');
    // FULL: a delivery is answered only once its transaction is on disk.
    this.db.pragma('synchronous = FULL');
    this.db.pragma(`busy_timeout = ${Math.trunc(busyTimeoutMs)}`);
    // A batch of 8 KB bodies dirties a few megabytes; a small cache would spill it mid-transaction.
    this.db.pragma('cache_size = -32768');
    // Not inside a commit, which would hold up the answers of its batch: see checkpointIfDue.
    this.db.pragma('wal_autocheckpoint = 0');
    this.writeAll = this.db.transaction((rows: readonly NewRequestLogRow[], marks: readonly MarkGroup[]) => {
      const receipts = rows.map((row) => this.writeOne(row));
      this.markEach(marks);
      return receipts;
    });
    this.writeSingle = this.db.transaction((row: NewRequestLogRow) => this.writeOne(row));
    this.markAll = this.db.transaction((marks: readonly MarkGroup[]) => this.markEach(marks));
  }

  /**
   * Writes rows and dispatch marks in one transaction; when that fails, each row alone and the
   * marks together. One outcome per row; `marksFailed` says why the marks were not written.
   */
  write(
    rows: readonly NewRequestLogRow[],
    marks: readonly MarkGroup[],
  ): { readonly outcomes: WireOutcome[]; readonly marksFailed?: string } {
    this.writtenSinceCheckpoint += rows.length;
    for (const group of marks) this.writtenSinceCheckpoint += group.marks.length;
    if (marks.length === 0) return { outcomes: this.writeRows(rows) };
    try {
      const receipts = this.writeAll.immediate(rows, marks);
      return { outcomes: receipts.map((receipt) => ({ ok: true, receipt })) };
    } catch {
      const outcomes = this.writeRows(rows);
      try {
        this.markAll.immediate(marks);
        return { outcomes };
      } catch (error) {
        return { outcomes, marksFailed: error instanceof Error ? error.message : String(error) };
      }
    }
  }

  /** Writes rows in one transaction, or each alone when that fails; one outcome per row. */
  writeRows(rows: readonly NewRequestLogRow[]): WireOutcome[] {
    if (rows.length === 0) return [];
    try {
      return this.writeAll.immediate(rows, []).map((receipt) => ({ ok: true, receipt }));
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

  /**
   * Copies the log back into the database once enough was written, after the batches that
   * filled it were answered. PASSIVE: it never waits for the API's connection, which checkpoints
   * on its own commits as usual.
   */
  checkpointIfDue(): void {
    if (this.writtenSinceCheckpoint < CHECKPOINT_EVERY) return;
    this.writtenSinceCheckpoint = 0;
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
    } catch {
      // Busy or failed: the next one copies what this one did not.
    }
  }

  close(): void {
    this.db.close();
  }

  private markEach(groups: readonly MarkGroup[]): void {
    const { markDone } = this.prepare();
    for (const group of groups) {
      for (const mark of group.marks) markDone.run(group.dispatchedAt, mark.results, mark.id);
    }
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
      // What commitDispatch writes for a delivery that started no run.
      markDone: this.db.prepare(
        `UPDATE request_logs SET dispatch_state = 'done', dispatched_at = ?, runs = '[]', dispatch_results = ?
         WHERE id = ?`,
      ),
    };
    return this.statements;
  }
}
