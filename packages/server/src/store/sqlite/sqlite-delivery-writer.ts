import type { Logger } from '@tripline/sdk';
import { GroupCommit } from '../group-commit.js';
import type { NewRequestLog } from '../records.js';
import type { DeliveryReceipt, DeliveryWriter } from '../store.js';
import type { DispatchedLog } from '../workflow-records.js';
import { SqliteWriterThread } from './sqlite-writer-thread.js';

export interface SqliteDeliveryWriterOptions {
  /** The database file, which must exist (the store's own connection creates it). */
  readonly file: string;
  /** A writer thread to share; by default the writer starts and stops its own. */
  readonly thread?: SqliteWriterThread;
  readonly logger?: Logger;
  /** Rows per message to the thread at most. */
  readonly maxBatch?: number;
  /** Batches sent and not yet committed, at most. */
  readonly maxInFlight?: number;
  readonly busyTimeoutMs?: number;
  /** Told the number of deliveries of each transaction that wrote some of this writer's. */
  readonly onCommit?: (rows: number) => void;
}

/**
 * Group commit into SQLite through a writer thread that owns the writing connection: one message
 * (every body of the batch in one transferred buffer) and one transaction per batch. The
 * connection opens with the first write, so a store that never takes deliveries never starts it.
 */
export class SqliteDeliveryWriter implements DeliveryWriter {
  private readonly group: GroupCommit<NewRequestLog, DeliveryReceipt>;
  private readonly thread: SqliteWriterThread;
  private connection: number | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: SqliteDeliveryWriterOptions) {
    this.thread = options.thread ?? new SqliteWriterThread({ logger: options.logger });
    // Several batches may be on their way: the thread writes those that queued up during one
    // transaction together in the next, so it never waits for this thread to send more.
    this.group = new GroupCommit({
      commit: (logs) => this.thread.write(this.open(), logs, options.onCommit),
      maxBatch: options.maxBatch ?? 512,
      maxInFlight: options.maxInFlight ?? 4,
    });
  }

  write(log: NewRequestLog): Promise<DeliveryReceipt> {
    return this.group.submit(log);
  }

  /**
   * Marks deliveries that started no run as dispatched, in the writer thread's next transaction:
   * the thread that answers requests neither writes nor waits for the lock. Repeating a mark
   * changes nothing, so one lost with a crash is simply made again.
   */
  async markUnstarted(logs: readonly DispatchedLog[], now: Date): Promise<void> {
    if (logs.length === 0) return;
    if (this.closing !== undefined)
      throw new Error('the delivery writer is closed; no more writes are taken');
    const marks = logs.map((log) => ({ id: log.logId, results: JSON.stringify(log.results) }));
    await this.thread.mark(this.open(), now.getTime(), marks);
  }

  private open(): number {
    this.connection ??= this.thread.open(this.options.file, this.options.busyTimeoutMs ?? 5_000);
    return this.connection;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.group.close();
      if (this.connection !== undefined) await this.thread.closeConnection(this.connection);
      if (this.options.thread === undefined) await this.thread.stop();
    })();
    return this.closing;
  }
}
