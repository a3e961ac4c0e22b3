import { Worker } from 'node:worker_threads';

/** What one background checkpoint did: WAL frames present, and frames copied into the database. */
export interface CheckpointResult {
  readonly busy: boolean;
  readonly log: number;
  readonly checkpointed: number;
}

export interface CheckpointerOptions {
  /** How often the worker checkpoints. */
  readonly intervalMs?: number;
  /** WAL frames past which a checkpoint also restarts the log (briefly holding writers back) so it stops growing. */
  readonly restartFrames?: number;
}

/*
 * The worker: its own connection to the same file. PASSIVE copies what it
 * can without waiting for anyone; past `restartFrames` a RESTART waits for
 * the writer's current transaction and makes the next one start the log
 * again, so a WAL that never drained under steady writes cannot grow without
 * end. Plain CommonJS, run with `eval`, so it needs no build step of its own.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const run = () => {
  try {
    const [first] = db.pragma('wal_checkpoint(PASSIVE)');
    let result = first;
    if (result.log > workerData.restartFrames) [result] = db.pragma('wal_checkpoint(RESTART)');
    parentPort.postMessage({ busy: result.busy === 1, log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'now') return run();
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
`;

/**
 * Checkpoints a SQLite database's WAL from a worker thread. In WAL mode with
 * `synchronous = NORMAL` a commit does not fsync, but a checkpoint does, and
 * SQLite runs one inside the commit that takes the WAL past 1,000 pages: in
 * the gateway's event loop (better-sqlite3 is synchronous). Measured: 1-row
 * commits took 29.8 µs of wall time each with that, 14.7 µs without, the
 * difference being the event loop waiting on the disk. The store turns the
 * automatic checkpoint off (`wal_autocheckpoint = 0`) and this worker does
 * it instead.
 */
export class SqliteCheckpointer {
  private readonly worker: Worker;
  private stopped: Promise<void> | null = null;
  private readonly exited: Promise<void>;
  private lastResult: CheckpointResult | null = null;
  private readonly waiters = new Set<(result: CheckpointResult) => void>();

  constructor(path: string, { intervalMs = 1_000, restartFrames = 10_000 }: CheckpointerOptions = {}) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { path, intervalMs, restartFrames, driver: require.resolve('better-sqlite3') },
    });
    // A checkpointer never keeps the process alive; close() ends it properly.
    this.worker.unref();
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (message: CheckpointResult | { error: string }) => {
      // Busy or locked this time: the next run tries again.
      const result = 'error' in message ? { busy: true, log: 0, checkpointed: 0 } : message;
      if (!('error' in message)) this.lastResult = message;
      for (const waiter of [...this.waiters]) waiter(result);
    });
    this.worker.on('error', () => undefined); // A worker that died leaves SQLite's own checkpoint on close.
  }

  /** The last checkpoint's figures (tests, and the metrics if wanted). */
  get last(): CheckpointResult | null {
    return this.lastResult;
  }

  /** Checkpoints now; resolves with that run's figures. */
  checkpointNow(): Promise<CheckpointResult> {
    return new Promise((resolve) => {
      const waiter = (result: CheckpointResult): void => {
        this.waiters.delete(waiter);
        resolve(result);
      };
      this.waiters.add(waiter);
      this.worker.postMessage('now');
    });
  }

  /** Stops the worker and closes its connection; resolves once it has exited. Idempotent. */
  stop(): Promise<void> {
    if (this.stopped === null) {
      this.worker.postMessage('stop');
      this.stopped = this.exited;
    }
    return this.stopped;
  }
}
