import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoomId } from '@parley/protocol';
import { MIGRATIONS } from './sqlite-migrations';
import { SqliteStore } from './sqlite-store';

const room = 'abcd-efgh-jkmn' as RoomId;
const meeting = 'm-1';

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
    expect(record).toEqual({ id: room, createdAt: 1000, lastActiveAt: 5000, passwordHash: null, meeting: null });
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
    expect(await second.getRoom(room)).toEqual({ id: room, createdAt: 1000, lastActiveAt: 1000, passwordHash: null, meeting: null });
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

describe('SqliteStore chat', () => {
  let dir: string;
  let path: string;

  const draft = (text: string, clientId: string | null = null, ts = 1000) => ({
    kind: 'user' as const,
    clientId,
    senderId: 'p-1' as never,
    senderName: 'Ada',
    text,
    ts,
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-chat-'));
    path = join(dir, 'parley.db');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends messages with increasing ids', async () => {
    const store = new SqliteStore(path);
    const first = await store.appendChat(room, meeting, draft('one', 'c-000001'));
    const second = await store.appendChat(room, meeting, draft('two', 'c-000002'));
    expect(first.created).toBeTrue();
    expect(second.message.id).toBeGreaterThan(first.message.id);
    await store.close();
  });

  it('returns the stored message and stores nothing for a repeated clientId', async () => {
    const store = new SqliteStore(path);
    const first = await store.appendChat(room, meeting, draft('hello', 'c-000001'));
    const again = await store.appendChat(room, meeting, draft('hello', 'c-000001', 2000));
    expect(again).toEqual({ message: first.message, created: false });
    expect((await store.chatPage(room, meeting, 10)).messages.length).toBe(1);
    await store.close();
  });

  it('stores system lines without a clientId side by side', async () => {
    const store = new SqliteStore(path);
    const system = { ...draft('Ada joined'), kind: 'system' as const, senderId: null };
    await store.appendChat(room, meeting, system);
    await store.appendChat(room, meeting, system);
    expect((await store.chatPage(room, meeting, 10)).messages.length).toBe(2);
    await store.close();
  });

  it('pages backwards from the newest, oldest first within a page', async () => {
    const store = new SqliteStore(path);
    for (let i = 1; i <= 5; i += 1) await store.appendChat(room, meeting, draft(`m${i}`, `c-00000${i}`));
    const newest = await store.chatPage(room, meeting, 2);
    expect(newest.messages.map((m) => m.text)).toEqual(['m4', 'm5']);
    expect(newest.hasMore).toBeTrue();
    const older = await store.chatPage(room, meeting, 2, newest.messages[0]?.id);
    expect(older.messages.map((m) => m.text)).toEqual(['m2', 'm3']);
    const oldest = await store.chatPage(room, meeting, 2, older.messages[0]?.id);
    expect(oldest.messages.map((m) => m.text)).toEqual(['m1']);
    expect(oldest.hasMore).toBeFalse();
    await store.close();
  });

  it('keeps rooms apart', async () => {
    const store = new SqliteStore(path);
    await store.appendChat(room, meeting, draft('here', 'c-000001'));
    expect((await store.chatPage('elsewhere' as RoomId, meeting, 10)).messages).toEqual([]);
    await store.close();
  });

  it('keeps the history across closing and reopening the file', async () => {
    const first = new SqliteStore(path);
    await first.appendChat(room, meeting, draft('survives', 'c-000001'));
    await first.close();
    const second = new SqliteStore(path);
    expect((await second.chatPage(room, meeting, 10)).messages.map((m) => m.text)).toEqual(['survives']);
    await second.close();
  });

  it('purges the chat of rooms inactive since the cutoff and keeps active rooms', async () => {
    const store = new SqliteStore(path);
    const active = 'active-room' as RoomId;
    await store.touchRoom(room, 1_000);
    await store.touchRoom(active, 9_000);
    await store.appendChat(room, meeting, draft('old', 'c-000001'));
    await store.appendChat(active, meeting, draft('new', 'c-000002'));
    expect(await store.purge(Date.now(), 5_000)).toBe(1);
    expect((await store.chatPage(room, meeting, 10)).messages).toEqual([]);
    expect((await store.chatPage(active, meeting, 10)).messages.length).toBe(1);
    expect(await store.getRoom(room)).toBeUndefined();
    await store.close();
  });
});

describe('SqliteStore access data', () => {
  it('keeps a room password hash and clears it', async () => {
    const store = new SqliteStore(':memory:');
    await store.touchRoom(room, 1000);
    await store.setRoomPassword(room, '$argon2id$hash');
    expect((await store.getRoom(room))?.passwordHash).toBe('$argon2id$hash');
    await store.setRoomPassword(room, null);
    expect((await store.getRoom(room))?.passwordHash).toBeNull();
    await store.close();
  });

  it('refuses to set a password on a room it does not know', async () => {
    const store = new SqliteStore(':memory:');
    await expectAsync(store.setRoomPassword(room, 'x')).toBeRejected();
    await store.close();
  });

  it('reports a revoked session until it expires', async () => {
    const store = new SqliteStore(':memory:');
    await store.revokeSession('p-1' as never, room, 5000);
    expect(await store.isRevoked('p-1' as never, 4000)).toBeTrue();
    expect(await store.isRevoked('p-1' as never, 6000)).toBeFalse();
    expect(await store.isRevoked('p-2' as never, 4000)).toBeFalse();
    await store.close();
  });
});
