import type { Logger } from '@tripline/sdk';
import { type Kysely, sql } from 'kysely';
import { type BatchOutcome, GroupCommit } from '../group-commit.js';
import type { NewRequestLog } from '../records.js';
import type { Database } from '../sql/database.js';
import {
  asDuplicateRow,
  DEDUPE_INDEX_PREDICATE,
  duplicateReceipt,
  type NewRequestLogRow,
  type OriginalDeliveryRow,
} from '../sql/duplicate-delivery.js';
import { fromNewRequestLog } from '../sql/row-mapping.js';
import type { DeliveryReceipt, DeliveryWriter } from '../store.js';

export interface PostgresDeliveryWriterOptions {
  readonly db: Kysely<Database>;
  readonly logger?: Logger;
  /** Rows per multi-row INSERT; 19 parameters each, under PostgreSQL's 65535. */
  readonly maxBatch?: number;
  /** Transactions committing at once; PostgreSQL groups their WAL flushes itself. */
  readonly maxInFlight?: number;
  /** Told the number of deliveries of each committed transaction. */
  readonly onCommit?: (rows: number) => void;
}

/** Group commit into PostgreSQL: each batch is one multi-row INSERT in one transaction. */
export class PostgresDeliveryWriter implements DeliveryWriter {
  private readonly group: GroupCommit<NewRequestLog, DeliveryReceipt>;

  constructor(private readonly options: PostgresDeliveryWriterOptions) {
    this.group = new GroupCommit({
      commit: (logs) => this.commit(logs),
      maxBatch: options.maxBatch ?? 500,
      maxInFlight: options.maxInFlight ?? 4,
    });
  }

  write(log: NewRequestLog): Promise<DeliveryReceipt> {
    return this.group.submit(log);
  }

  close(): Promise<void> {
    return this.group.close();
  }

  private async commit(logs: readonly NewRequestLog[]): Promise<readonly BatchOutcome<DeliveryReceipt>[]> {
    const rows = logs.map(fromNewRequestLog);
    try {
      const receipts = await this.options.db.transaction().execute((trx) => writeRows(trx, rows));
      this.options.onCommit?.(rows.length);
      return receipts.map((value) => ({ ok: true, value }));
    } catch (batchError) {
      if (rows.length === 1) throw batchError;
      this.options.logger?.warn(
        { err: batchError instanceof Error ? batchError.message : String(batchError), rows: rows.length },
        'a delivery batch failed; writing its rows one by one',
      );
      // One bad row must not fail the requests that share its batch.
      const outcomes: BatchOutcome<DeliveryReceipt>[] = [];
      for (const row of rows) {
        try {
          const [value] = await this.options.db.transaction().execute((trx) => writeRows(trx, [row]));
          this.options.onCommit?.(1);
          outcomes.push({ ok: true, value: value! });
        } catch (error) {
          outcomes.push({ ok: false, error: error instanceof Error ? error : new Error(String(error)) });
        }
      }
      return outcomes;
    }
  }
}

async function writeRows(
  trx: Kysely<Database>,
  rows: readonly NewRequestLogRow[],
): Promise<DeliveryReceipt[]> {
  // Key order: two processes inserting the same delivery ids wait on each other in one order,
  // never in a cycle (a deadlock).
  const ordered = [...rows].sort(compareDedupeKeys);
  const inserted = await trx
    .insertInto('request_logs')
    .values(ordered)
    .onConflict((oc) =>
      oc
        .columns(['endpoint_id', 'delivery_id'])
        .where(sql<boolean>`${sql.raw(DEDUPE_INDEX_PREDICATE)}`)
        .doNothing(),
    )
    .returning('id')
    .execute();
  if (inserted.length === rows.length) return rows.map((row) => ({ duplicate: false, id: row.id }));

  // Skipped rows repeat a delivery id accepted before, or earlier in this very batch; this
  // statement sees both (ON CONFLICT waited for any other transaction holding the key).
  const insertedIds = new Set(inserted.map((row) => row.id));
  const repeated = rows.filter((row) => !insertedIds.has(row.id));
  const originals = await trx
    .selectFrom('request_logs')
    .select(['id', 'endpoint_id', 'delivery_id', 'response_status', 'response_headers', 'response_body'])
    .where((eb) =>
      eb.or(
        repeated.map((row) =>
          eb.and([eb('endpoint_id', '=', row.endpoint_id), eb('delivery_id', '=', row.delivery_id)]),
        ),
      ),
    )
    .where(sql<boolean>`${sql.raw(DEDUPE_INDEX_PREDICATE)}`)
    .execute();
  const byKey = new Map(originals.map((original) => [dedupeKey(original), original]));
  const receipts = new Map<string, DeliveryReceipt>();
  const duplicates = repeated.map((row) => {
    const original: OriginalDeliveryRow | undefined = byKey.get(dedupeKey(row));
    if (original === undefined) throw new Error(`log ${row.id} conflicted with no accepted delivery`);
    receipts.set(row.id, duplicateReceipt(row.id, original));
    return asDuplicateRow(row, original);
  });
  await trx.insertInto('request_logs').values(duplicates).execute();
  return rows.map((row) => receipts.get(row.id) ?? { duplicate: false, id: row.id });
}

function dedupeKey(row: Pick<NewRequestLogRow, 'endpoint_id' | 'delivery_id'>): string {
  return JSON.stringify([row.endpoint_id, row.delivery_id]);
}

function compareDedupeKeys(a: NewRequestLogRow, b: NewRequestLogRow): number {
  return (
    compare(a.endpoint_id, b.endpoint_id) ||
    compare(a.delivery_id ?? '', b.delivery_id ?? '') ||
    compare(a.id, b.id)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
