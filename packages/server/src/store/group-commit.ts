/** One item's result inside a committed batch: a batch may succeed for some rows and not others. */
export type BatchOutcome<R> =
  | { readonly ok: true; readonly value: R }
  | { readonly ok: false; readonly error: Error };

export interface GroupCommitOptions<T, R> {
  /** Writes one batch in one transaction and answers one outcome per item, in order. */
  readonly commit: (items: readonly T[]) => Promise<readonly BatchOutcome<R>[]>;
  /** The most items one transaction takes. */
  readonly maxBatch: number;
  /** How many batches may be committing at once. */
  readonly maxInFlight: number;
}

interface Waiting<T, R> {
  readonly item: T;
  readonly resolve: (value: R) => void;
  readonly reject: (error: Error) => void;
}

/**
 * Group commit: items submitted while a batch is committing (or within the current macrotask)
 * wait and go together into the next transaction, so the cost of a durable commit is shared by
 * every request that arrived meanwhile. Each promise settles only after its own batch committed.
 */
export class GroupCommit<T, R> {
  private queue: Waiting<T, R>[] = [];
  private scheduled = false;
  private inFlight = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly options: GroupCommitOptions<T, R>) {}

  submit(item: T): Promise<R> {
    if (this.closed)
      return Promise.reject(new Error('the delivery writer is closed; no more writes are taken'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Commits everything already submitted, then refuses new items. */
  close(): Promise<void> {
    this.closed = true;
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Rejects everything waiting (not yet handed to `commit`), e.g. when the writer died. */
  failQueued(error: Error): void {
    const waiting = this.queue;
    this.queue = [];
    for (const entry of waiting) entry.reject(error);
    this.notifyIfIdle();
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    // setImmediate runs after the I/O callbacks of this loop turn: every request read in this
    // turn joins the batch.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.run(batch);
    }
  }

  private async run(batch: readonly Waiting<T, R>[]): Promise<void> {
    try {
      const outcomes = await this.options.commit(batch.map((entry) => entry.item));
      batch.forEach((entry, index) => {
        const outcome = outcomes[index];
        if (outcome === undefined)
          entry.reject(new Error('the batch answered fewer results than it was given'));
        else if (outcome.ok) entry.resolve(outcome.value);
        else entry.reject(outcome.error);
      });
    } catch (error) {
      const reason = error instanceof Error ? error : new Error(String(error));
      for (const entry of batch) entry.reject(reason);
    } finally {
      this.inFlight -= 1;
      this.schedule();
      this.notifyIfIdle();
    }
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  private notifyIfIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
