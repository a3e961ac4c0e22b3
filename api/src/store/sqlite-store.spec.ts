import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoomId } from '@parley/protocol';
import { MIGRATIONS } from './sqlite-migrations';
import { SqliteStore } from './sqlite-store';

const room = 'abcd-efgh-jkmn' as RoomId;

describe('SqliteStore', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-store-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates a new database to the latest schema version', async () => {
    const store = new SqliteStore(join(dir, 'parley.db'));
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    await store.close();
  });

  it('creates a room record on first touch and keeps its creation time after', async () => {
    const store = new SqliteStore(':memory:');
    await store.touchRoom(room, 1000);
    const record = await store.touchRoom(room, 5000);
    expect(record).toEqual({ id: room, createdAt: 1000, lastActiveAt: 5000 });
    await store.close();
  });

  it('never moves last activity backwards', async () => {
    const store = new SqliteStore(':memory:');
    await store.touchRoom(room, 5000);
    await store.touchRoom(room, 2000);
    expect((await store.getRoom(room))?.lastActiveAt).toBe(5000);
    await store.close();
  });

  it('keeps rooms across reopening the file', async () => {
    const path = join(dir, 'parley.db');
    const first = new SqliteStore(path);
    await first.touchRoom(room, 1000);
    await first.close();
    const second = new SqliteStore(path);
    expect(await second.getRoom(room)).toEqual({ id: room, createdAt: 1000, lastActiveAt: 1000 });
    await second.close();
  });

  it('answers undefined for a room it never saw', async () => {
    const store = new SqliteStore(':memory:');
    expect(await store.getRoom('nope' as RoomId)).toBeUndefined();
    await store.close();
  });

  it('can be closed twice', async () => {
    const store = new SqliteStore(':memory:');
    await store.close();
    await expectAsync(store.close()).toBeResolved();
  });
});
