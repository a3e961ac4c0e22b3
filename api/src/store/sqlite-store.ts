import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChatMessage, ChatPage, ParticipantId, RoomId } from '@parley/protocol';
import { MIGRATIONS } from './sqlite-migrations';
import type { ChatDraft, RoomRecord, Store } from './store';

interface RoomRow {
  id: string;
  created_at: number;
  last_active_at: number;
}

interface ChatRow {
  id: number;
  kind: 'user' | 'system';
  client_id: string | null;
  sender_id: string | null;
  sender_name: string;
  text: string;
  ts: number;
}

const CHAT_COLUMNS = 'id, kind, client_id, sender_id, sender_name, text, ts';

function toMessage(row: ChatRow): ChatMessage {
  return {
    id: row.id,
    kind: row.kind,
    clientId: row.client_id,
    senderId: row.sender_id as ParticipantId | null,
    senderName: row.sender_name,
    text: row.text,
    ts: row.ts,
  };
}

function toRecord(row: RoomRow): RoomRecord {
  return { id: row.id as RoomId, createdAt: row.created_at, lastActiveAt: row.last_active_at };
}

/** The embedded default store: one SQLite file, migrated on open. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private closed = false;

  /** Opens (creating if needed) the database at `path`; `:memory:` for tests. */
  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
  }

  /** The schema version after migrating (the number of migrations applied). */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  private migrate(): void {
    const from = this.schemaVersion;
    if (from > MIGRATIONS.length) {
      throw new Error(`Database schema version ${from} is newer than this Parley (${MIGRATIONS.length})`);
    }
    const apply = this.db.transaction(() => {
      MIGRATIONS.slice(from).forEach((sql) => this.db.exec(sql));
      this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    });
    apply();
  }

  async touchRoom(id: RoomId, at: number): Promise<RoomRecord> {
    const row = this.db
      .prepare<[string, number, number], RoomRow>(
        `INSERT INTO rooms (id, created_at, last_active_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET last_active_at = max(last_active_at, excluded.last_active_at)
         RETURNING id, created_at, last_active_at`,
      )
      .get(id, at, at);
    if (row === undefined) throw new Error(`touchRoom(${id}) returned no row`);
    return toRecord(row);
  }

  async getRoom(id: RoomId): Promise<RoomRecord | undefined> {
    const row = this.db
      .prepare<[string], RoomRow>('SELECT id, created_at, last_active_at FROM rooms WHERE id = ?')
      .get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  async appendChat(room: RoomId, draft: ChatDraft): Promise<{ message: ChatMessage; created: boolean }> {
    const inserted = this.db
      .prepare<[string, string, string | null, string | null, string, string, number], ChatRow>(
        `INSERT INTO chat_messages (room_id, kind, client_id, sender_id, sender_name, text, ts)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (room_id, sender_id, client_id) DO NOTHING
         RETURNING ${CHAT_COLUMNS}`,
      )
      .get(room, draft.kind, draft.clientId, draft.senderId, draft.senderName, draft.text, draft.ts);
    if (inserted !== undefined) return { message: toMessage(inserted), created: true };
    const existing = this.db
      .prepare<[string, string | null, string | null], ChatRow>(
        `SELECT ${CHAT_COLUMNS} FROM chat_messages WHERE room_id = ? AND sender_id IS ? AND client_id IS ?`,
      )
      .get(room, draft.senderId, draft.clientId);
    if (existing === undefined) throw new Error('appendChat: conflicting row vanished');
    return { message: toMessage(existing), created: false };
  }

  async chatPage(room: RoomId, limit: number, before?: number): Promise<ChatPage> {
    // One extra row tells whether an older page exists.
    const rows = this.db
      .prepare<[string, number, number], ChatRow>(
        `SELECT ${CHAT_COLUMNS} FROM chat_messages WHERE room_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
      )
      .all(room, before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  async purgeRoomsInactiveSince(cutoff: number): Promise<number> {
    const purge = this.db.transaction((before: number) => {
      const removed = this.db
        .prepare('DELETE FROM chat_messages WHERE room_id IN (SELECT id FROM rooms WHERE last_active_at < ?)')
        .run(before).changes;
      this.db.prepare('DELETE FROM rooms WHERE last_active_at < ?').run(before);
      return removed;
    });
    return purge(cutoff);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
