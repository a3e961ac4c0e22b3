import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParticipantId, RoomId } from '@parley/protocol';
import { SqliteStore } from './sqlite-store';
import type { ChatDraft } from './store';

const room = 'abcd-efgh-jkmn' as RoomId;
const meeting = 'm-1';

function draft(text: string, clientId: string): ChatDraft {
  return { kind: 'user', clientId, senderId: 'p-1' as ParticipantId, senderName: 'Ada', text, ts: 1000 };
}

describe('SqliteStore chat batches', () => {
  let dir: string;
  let path: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'parley-chat-'));
    path = join(dir, 'parley.db');
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs in WAL mode', async () => {
    const store = new SqliteStore(path);
    const db = new Database(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await store.close();
  });

  it('commits the lines of one turn in one transaction: the WAL grows by one commit for them all', async () => {
    const store = new SqliteStore(path);
    await store.appendChat(room, meeting, draft('warm-up', 'c-000000'));
    const reader = new Database(path);
    const commits = (): number => (reader.pragma('data_version', { simple: true }) as number);
    const before = commits();
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.appendChat(room, meeting, draft(`m${i}`, `c-${String(i + 1).padStart(6, '0')}`))));
    // data_version moves once per commit made by another connection.
    expect(commits() - before).toBe(1);
    reader.close();
    await store.close();
  });

  it('refuses every line of a turn whose transaction SQLite rolled back, stores none of them, and takes the next turn', async () => {
    const store = new SqliteStore(path);
    const db = new Database(path);
    db.exec(`CREATE TRIGGER lost BEFORE INSERT ON chat_messages WHEN NEW.text = 'roll back' BEGIN SELECT RAISE(ROLLBACK, 'transaction lost'); END`);
    db.close();
    const results = await Promise.allSettled([
      store.appendChat(room, meeting, draft('first', 'c-000001')),
      store.appendChat(room, meeting, draft('roll back', 'c-000002')),
      store.appendChat(room, meeting, draft('third', 'c-000003')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect((await store.chatPage(room, meeting, 10)).messages).toEqual([]);
    expect((await store.appendChat(room, meeting, draft('next turn', 'c-000004'))).created).toBeTrue();
    await store.close();
  });

  it('writes the lines still queued before it closes', async () => {
    const store = new SqliteStore(path);
    const pending = store.appendChat(room, meeting, draft('last words', 'c-000001'));
    await store.close();
    expect((await pending).created).toBeTrue();
    const reopened = new SqliteStore(path);
    expect((await reopened.chatPage(room, meeting, 10)).messages.map((m) => m.text)).toEqual(['last words']);
    await reopened.close();
  });
});
