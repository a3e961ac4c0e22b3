/** What a batch's write made of one item: its result, or the error that refuses it alone. */
export type ItemOutcome<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/**
 * Writes a batch of items at once, in the order they were added. It answers
 * one outcome per item, in that order, for what failed on its own; it throws
 * when the batch as a whole did not happen (a failed commit, a lost
 * connection), which refuses every item of the batch.
 */
export type BatchWriter<T, R> = (items: readonly T[]) => Promise<readonly ItemOutcome<R>[]> | readonly ItemOutcome<R>[];

interface Pending<T, R> {
  readonly item: T;
  readonly resolve: (value: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Groups the writes asked for in one turn of the event loop into one batch
 * (one SQLite transaction, one Redis pipeline), written after the turn's
 * I/O callbacks and the promise jobs they started have run (`setImmediate`):
 * every chat line that arrived in the same read of the sockets goes in one
 * commit instead of one commit each. Each caller's promise settles only once
 * the batch holding its item was written, so an ack never runs ahead of the
 * commit. Batches are written one after the other, never overlapping, so
 * items keep the order they were added in across batches too.
 */
export class TickBatch<T, R> {
  private queue: Pending<T, R>[] = [];
  private scheduled = false;
  /** The batch being written, so the next waits for it (order across batches). */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly write: BatchWriter<T, R>) {}

  /** Queues `item` for this turn's batch; settles with its own outcome once that batch is written. */
  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      setImmediate(() => this.flush());
    });
  }

  /** Resolves once every item added so far is written (or refused): for a clean close. */
  async drain(): Promise<void> {
    while (this.scheduled) await new Promise((resolve) => setImmediate(resolve));
    await this.writing;
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writing.then(() => this.run(batch));
  }

  private async run(batch: readonly Pending<T, R>[]): Promise<void> {
    let outcomes: readonly ItemOutcome<R>[];
    try {
      outcomes = await this.write(batch.map((pending) => pending.item));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) pending.reject(new Error('The batch writer answered fewer outcomes than items'));
      else if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}
