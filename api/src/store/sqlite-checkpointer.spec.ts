import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { SqliteStore } from './sqlite-store';

describe('SqliteCheckpointer', () => {
  let dir: string;
  let path: string;
  let db: Database.Database;
  let checkpointer: SqliteCheckpointer;

  /** As the store runs: WAL, commits without fsync, no checkpoint inside a commit. */
  const open = (restartFrames?: number): void => {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE IF NOT EXISTS lines (id INTEGER PRIMARY KEY, text TEXT)');
    // A long interval: the specs ask for each checkpoint themselves.
    checkpointer = new SqliteCheckpointer(path, { intervalMs: 60_000, ...(restartFrames === undefined ? {} : { restartFrames }) });
  };
  const write = (rows: number): void => {
    const insert = db.prepare('INSERT INTO lines (text) VALUES (?)');
    for (let i = 0; i < rows; i++) insert.run(`line ${i} ${'x'.repeat(200)}`); // One transaction each, as chat commits are.
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-checkpoint-'));
    path = join(dir, 'parley.db');
  });

  afterEach(async () => {
    await checkpointer.stop();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the WAL into the database from its own thread, while the writer never checkpoints', async () => {
    open();
    write(2_000);
    const walBefore = statSync(`${path}-wal`).size;
    expect(walBefore).withContext('no commit checkpointed (SQLite would past 1,000 pages)').toBeGreaterThan(1_000 * 4096);
    const result = await checkpointer.checkpointNow();
    expect(result.log).toBeGreaterThan(1_000);
    expect(result.checkpointed).withContext('every frame copied').toBe(result.log);
    // And a new connection reads every line.
    const reader = new Database(path, { readonly: true });
    try {
      expect((reader.prepare('SELECT count(*) AS n FROM lines').get() as { n: number }).n).toBe(2_000);
    } finally {
      reader.close();
    }
  });

  it('restarts a WAL that grew past its limit, so the next commits write from its start again', async () => {
    open(100);
    write(500);
    await checkpointer.checkpointNow();
    const grown = statSync(`${path}-wal`).size;
    write(10);
    const after = await checkpointer.checkpointNow();
    expect(after.log).withContext('the next commits started the log again').toBeLessThan(50);
    expect(statSync(`${path}-wal`).size).withContext('the file is reused, not grown').toBeLessThanOrEqual(grown);
  });

  it('stops once, however often asked, and its thread exits', async () => {
    open();
    await Promise.all([checkpointer.stop(), checkpointer.stop()]);
    await expectAsync(checkpointer.stop()).toBeResolved();
  });
});

describe('SqliteStore and its checkpointer', () => {
  it('leaves no WAL behind once closed: the worker stops first, the last connection checkpoints the rest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parley-checkpoint-'));
    const path = join(dir, 'parley.db');
    try {
      const store = new SqliteStore(path);
      await store.checkWritable();
      await store.close();
      expect(existsSync(`${path}-wal`)).toBeFalse();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
