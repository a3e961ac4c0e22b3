import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PARLEY_APPLICATION_ID, SqliteStore, WRITE_CHECK_TIMEOUT_MS } from './sqlite-store';

describe('SqliteStore.checkWritable', () => {
  let dir: string;
  let path: string;
  let store: SqliteStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
    path = join(dir, 'parley.db');
    store = new SqliteStore(path);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes on a database it can write, and marks the file as Parley’s', async () => {
    await expectAsync(store.checkWritable()).toBeResolved();
    const reader = new Database(path, { readonly: true });
    try {
      expect(reader.pragma('application_id', { simple: true })).toBe(PARLEY_APPLICATION_ID);
    } finally {
      reader.close();
    }
  });

  it('fails, under its short lock wait, while another connection holds the write lock', async () => {
    const db = (store as unknown as { db: Database.Database }).db;
    const pragmas = spyOn(db, 'pragma').and.callThrough();
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    try {
      await expectAsync(store.checkWritable()).toBeRejectedWith(jasmine.objectContaining({ code: 'SQLITE_BUSY' }));
      // The write that met the lock ran under the short wait, not the normal 5 s one.
      const sources = pragmas.calls.allArgs().map(([source]) => source);
      const write = sources.indexOf(`application_id = ${PARLEY_APPLICATION_ID}`);
      expect(write).toBeGreaterThan(0);
      expect(sources[write - 1]).toBe(`busy_timeout = ${WRITE_CHECK_TIMEOUT_MS}`);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    await expectAsync(store.checkWritable()).toBeResolved();
  });

  it('runs in WAL mode and syncs to disk at checkpoints, not on every commit', () => {
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).withContext('1 = NORMAL').toBe(1);
  });

  it('keeps the normal lock wait for everything else after a check', async () => {
    await store.checkWritable();
    const db = (store as unknown as { db: Database.Database }).db;
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5_000);
  });

  it('fails once the store is closed', async () => {
    await store.close();
    await expectAsync(store.checkWritable()).toBeRejected();
  });
});
