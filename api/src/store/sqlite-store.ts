import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChatMessage, ChatPage, ParticipantId, RoomId } from '@parley/protocol';
import { MIGRATIONS } from './sqlite-migrations';
import { nextAttemptAt, type AttemptPolicy, type ChatDraft, type MeetingRecord, type RoomRecord, type Store } from './store';

interface RoomRow {
  id: string;
  created_at: number;
  last_active_at: number;
  password_hash: string | null;
  meeting_id: string | null;
  meeting_started_at: number | null;
}

const ROOM_COLUMNS = 'id, created_at, last_active_at, password_hash, meeting_id, meeting_started_at';

interface ChatRow {
  id: number;
  kind: 'user' | 'system';
  client_id: string | null;
  sender_id: string | null;
  sender_name: string;
  text: string;
  ts: number;
}

/** "PRLY": marks the file as Parley's in SQLite's header; rewritten by each writability check. */
export const PARLEY_APPLICATION_ID = 0x50524c59;
/** How long a writability check waits for a write lock held by another connection. */
export const WRITE_CHECK_TIMEOUT_MS = 500;

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
  return {
    id: row.id as RoomId,
    createdAt: row.created_at,
    lastActiveAt: row.last_active_at,
    passwordHash: row.password_hash,
    meeting: row.meeting_id === null ? null : { id: row.meeting_id, startedAt: row.meeting_started_at ?? row.created_at },
  };
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
    // In WAL mode NORMAL syncs at checkpoints, not on every commit: a
    // commit survives the gateway crashing, only an OS crash or power cut may
    // lose the last ones. FULL made every chat line and join wait on an
    // fsync inside the event loop (better-sqlite3 is synchronous), which on
    // a busy disk stalled every socket for seconds.
    this.db.pragma('synchronous = NORMAL');
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
         RETURNING ${ROOM_COLUMNS}`,
      )
      .get(id, at, at);
    if (row === undefined) throw new Error(`touchRoom(${id}) returned no row`);
    return toRecord(row);
  }

  async getRoom(id: RoomId): Promise<RoomRecord | undefined> {
    const row = this.db
      .prepare<[string], RoomRow>(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE id = ?`)
      .get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  async openMeeting(id: RoomId, candidate: MeetingRecord, freshSince: number): Promise<{ meeting: MeetingRecord; replaced: string | null }> {
    const open = this.db.transaction(() => {
      const before = this.db.prepare<[string], RoomRow>(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE id = ?`).get(id);
      const current = before === undefined ? null : toRecord(before).meeting;
      if (current !== null && before !== undefined && before.last_active_at >= freshSince) {
        this.db.prepare('UPDATE rooms SET last_active_at = max(last_active_at, ?) WHERE id = ?').run(candidate.startedAt, id);
        return { meeting: current, replaced: null };
      }
      this.db
        .prepare(
          `INSERT INTO rooms (id, created_at, last_active_at, meeting_id, meeting_started_at) VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET last_active_at = max(last_active_at, excluded.last_active_at),
             meeting_id = excluded.meeting_id, meeting_started_at = excluded.meeting_started_at, password_hash = NULL`,
        )
        .run(id, candidate.startedAt, candidate.startedAt, candidate.id, candidate.startedAt);
      return { meeting: candidate, replaced: current?.id ?? null };
    });
    return open();
  }

  async endMeeting(id: RoomId, meeting: string, chatKeptUntil: number | null): Promise<void> {
    const end = this.db.transaction(() => {
      this.db
        .prepare('UPDATE rooms SET meeting_id = NULL, meeting_started_at = NULL, password_hash = NULL WHERE id = ? AND meeting_id = ?')
        .run(id, meeting);
      if (chatKeptUntil === null) {
        this.db.prepare('DELETE FROM chat_messages WHERE room_id = ? AND meeting_id = ?').run(id, meeting);
      } else {
        this.db
          .prepare(
            `INSERT INTO ended_meetings (room_id, meeting_id, chat_expires_at) VALUES (?, ?, ?)
             ON CONFLICT (room_id, meeting_id) DO UPDATE SET chat_expires_at = excluded.chat_expires_at`,
          )
          .run(id, meeting, chatKeptUntil);
      }
    });
    end();
  }

  async appendChat(room: RoomId, meeting: string, draft: ChatDraft): Promise<{ message: ChatMessage; created: boolean }> {
    const inserted = this.db
      .prepare<[string, string, string, string | null, string | null, string, string, number], ChatRow>(
        `INSERT INTO chat_messages (room_id, meeting_id, kind, client_id, sender_id, sender_name, text, ts)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (room_id, sender_id, client_id) DO NOTHING
         RETURNING ${CHAT_COLUMNS}`,
      )
      .get(room, meeting, draft.kind, draft.clientId, draft.senderId, draft.senderName, draft.text, draft.ts);
    if (inserted !== undefined) return { message: toMessage(inserted), created: true };
    const existing = this.db
      .prepare<[string, string | null, string | null], ChatRow>(
        `SELECT ${CHAT_COLUMNS} FROM chat_messages WHERE room_id = ? AND sender_id IS ? AND client_id IS ?`,
      )
      .get(room, draft.senderId, draft.clientId);
    if (existing === undefined) throw new Error('appendChat: conflicting row vanished');
    return { message: toMessage(existing), created: false };
  }

  async chatPage(room: RoomId, meeting: string, limit: number, before?: number): Promise<ChatPage> {
    // One extra row tells whether an older page exists.
    const rows = this.db
      .prepare<[string, string, number, number], ChatRow>(
        `SELECT ${CHAT_COLUMNS} FROM chat_messages WHERE room_id = ? AND meeting_id = ? AND id < ? ORDER BY id DESC LIMIT ?`,
      )
      .all(room, meeting, before ?? Number.MAX_SAFE_INTEGER, limit + 1);
    const hasMore = rows.length > limit;
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasMore };
  }

  async setRoomPassword(id: RoomId, passwordHash: string | null): Promise<void> {
    const changed = this.db.prepare('UPDATE rooms SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes;
    if (changed === 0) throw new Error(`setRoomPassword: no room ${id}`);
  }

  async revokeSession(participantId: ParticipantId, room: RoomId, expiresAt: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO revoked_sessions (participant_id, room_id, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (participant_id) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)`,
      )
      .run(participantId, room, expiresAt);
  }

  async isRevoked(participantId: ParticipantId, now: number): Promise<boolean> {
    const row = this.db
      .prepare<[string, number], { one: number }>('SELECT 1 AS one FROM revoked_sessions WHERE participant_id = ? AND expires_at > ?')
      .get(participantId, now);
    return row !== undefined;
  }

  async reserveAttempt(key: string, now: number, policy: AttemptPolicy): Promise<number> {
    // better-sqlite3 is synchronous: read and write run as one step of this process.
    const row = this.db
      .prepare<[string, number], { failures: number; next_at: number }>('SELECT failures, next_at FROM attempts WHERE key = ? AND expires_at > ?')
      .get(key, now);
    const failures = row?.failures ?? 0;
    if (row !== undefined && now < row.next_at) return row.next_at - now;
    this.db
      .prepare(
        `INSERT INTO attempts (key, failures, next_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, next_at = excluded.next_at, expires_at = excluded.expires_at`,
      )
      .run(key, failures + 1, nextAttemptAt(failures + 1, now, policy), now + policy.keepMs);
    return 0;
  }

  async clearAttempts(key: string): Promise<void> {
    this.db.prepare('DELETE FROM attempts WHERE key = ?').run(key);
  }

  async purge(now: number, cutoff: number): Promise<number> {
    const purge = this.db.transaction(() => {
      let removed = this.db
        .prepare(
          `DELETE FROM chat_messages WHERE (room_id, meeting_id) IN
             (SELECT room_id, meeting_id FROM ended_meetings WHERE chat_expires_at < ?)`,
        )
        .run(now).changes;
      this.db.prepare('DELETE FROM ended_meetings WHERE chat_expires_at < ?').run(now);
      removed += this.db
        .prepare('DELETE FROM chat_messages WHERE room_id IN (SELECT id FROM rooms WHERE last_active_at < ?)')
        .run(cutoff).changes;
      this.db.prepare('DELETE FROM ended_meetings WHERE room_id IN (SELECT id FROM rooms WHERE last_active_at < ?)').run(cutoff);
      this.db.prepare('DELETE FROM rooms WHERE last_active_at < ?').run(cutoff);
      this.db.prepare('DELETE FROM revoked_sessions WHERE expires_at < ?').run(now);
      this.db.prepare('DELETE FROM attempts WHERE expires_at < ?').run(now);
      return removed;
    });
    return purge();
  }

  /**
   * Commits a one-page write: the file header's application id, set to the
   * same constant every time. A read-only file, a full disk or a lock held
   * elsewhere fail it, where a read would still succeed. The lock wait is cut
   * to {@link WRITE_CHECK_TIMEOUT_MS} so a probe answers before it times out.
   */
  async checkWritable(): Promise<void> {
    if (this.closed) throw new Error('The store is closed');
    const previous = this.db.pragma('busy_timeout', { simple: true }) as number;
    this.db.pragma(`busy_timeout = ${WRITE_CHECK_TIMEOUT_MS}`);
    try {
      this.db.pragma(`application_id = ${PARLEY_APPLICATION_ID}`);
    } finally {
      this.db.pragma(`busy_timeout = ${previous}`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
