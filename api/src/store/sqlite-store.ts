import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChatMessage, ChatPage, ParticipantId, RoomId } from '@parley/protocol';
import { SqliteCheckpointer } from './sqlite-checkpointer';
import { SqliteChat } from './sqlite-chat';
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

/** "PRLY": marks the file as Parley's in SQLite's header; rewritten by each writability check. */
export const PARLEY_APPLICATION_ID = 0x50524c59;
/** How long a writability check waits for a write lock held by another connection. */
export const WRITE_CHECK_TIMEOUT_MS = 500;

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
  private readonly chat: SqliteChat;
  private readonly statements = new Map<string, Database.Statement>();
  /** Checkpoints the WAL off the event loop (none for `:memory:`). */
  private readonly checkpointer: SqliteCheckpointer | null;
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
    this.chat = new SqliteChat(this.db);
    // Checkpoints fsync: a worker thread runs them, not a commit in the event loop (sqlite-checkpointer.ts).
    this.checkpointer = path === ':memory:' ? null : new SqliteCheckpointer(path);
    if (this.checkpointer) this.db.pragma('wal_autocheckpoint = 0');
  }

  /** The schema version after migrating (the number of migrations applied). */
  get schemaVersion(): number {
    return this.db.pragma('user_version', { simple: true }) as number;
  }

  /** A statement compiled once and kept: better-sqlite3 compiles the SQL at every `prepare`. */
  private sql<P extends unknown[] = unknown[], R = unknown>(source: string): Database.Statement<P, R> {
    let statement = this.statements.get(source);
    if (statement === undefined) {
      statement = this.db.prepare(source);
      this.statements.set(source, statement);
    }
    return statement as Database.Statement<P, R>;
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
    return this.touchRoomNow(id, at);
  }

  private touchRoomNow(id: RoomId, at: number): RoomRecord {
    const row = this
      .sql<[string, number, number], RoomRow>(
        `INSERT INTO rooms (id, created_at, last_active_at) VALUES (?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET last_active_at = max(last_active_at, excluded.last_active_at)
         RETURNING ${ROOM_COLUMNS}`,
      )
      .get(id, at, at);
    if (row === undefined) throw new Error(`touchRoom(${id}) returned no row`);
    return toRecord(row);
  }

  async touchRooms(ids: readonly RoomId[], at: number): Promise<void> {
    this.db.transaction(() => {
      for (const id of ids) this.touchRoomNow(id, at);
    })();
  }

  async getRoom(id: RoomId): Promise<RoomRecord | undefined> {
    const row = this
      .sql<[string], RoomRow>(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE id = ?`)
      .get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  async openMeeting(id: RoomId, candidate: MeetingRecord, freshSince: number): Promise<{ meeting: MeetingRecord; replaced: string | null }> {
    const open = this.db.transaction(() => {
      const before = this.sql<[string], RoomRow>(`SELECT ${ROOM_COLUMNS} FROM rooms WHERE id = ?`).get(id);
      const current = before === undefined ? null : toRecord(before).meeting;
      if (current !== null && before !== undefined && before.last_active_at >= freshSince) {
        this.sql('UPDATE rooms SET last_active_at = max(last_active_at, ?) WHERE id = ?').run(candidate.startedAt, id);
        return { meeting: current, replaced: null };
      }
      this
      .sql(
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
      this
      .sql('UPDATE rooms SET meeting_id = NULL, meeting_started_at = NULL, password_hash = NULL WHERE id = ? AND meeting_id = ?')
        .run(id, meeting);
      if (chatKeptUntil === null) {
        this.sql('DELETE FROM chat_messages WHERE room_id = ? AND meeting_id = ?').run(id, meeting);
      } else {
        this
      .sql(
            `INSERT INTO ended_meetings (room_id, meeting_id, chat_expires_at) VALUES (?, ?, ?)
             ON CONFLICT (room_id, meeting_id) DO UPDATE SET chat_expires_at = excluded.chat_expires_at`,
          )
          .run(id, meeting, chatKeptUntil);
      }
    });
    end();
  }

  appendChat(room: RoomId, meeting: string, draft: ChatDraft): Promise<{ message: ChatMessage; created: boolean }> {
    return this.chat.append(room, meeting, draft);
  }

  async chatPage(room: RoomId, meeting: string, limit: number, before?: number): Promise<ChatPage> {
    return this.chat.pageOf(room, meeting, limit, before);
  }

  async setRoomPassword(id: RoomId, passwordHash: string | null): Promise<void> {
    const changed = this.sql('UPDATE rooms SET password_hash = ? WHERE id = ?').run(passwordHash, id).changes;
    if (changed === 0) throw new Error(`setRoomPassword: no room ${id}`);
  }

  async revokeSession(participantId: ParticipantId, room: RoomId, expiresAt: number): Promise<void> {
    this
      .sql(
        `INSERT INTO revoked_sessions (participant_id, room_id, expires_at) VALUES (?, ?, ?)
         ON CONFLICT (participant_id) DO UPDATE SET expires_at = max(expires_at, excluded.expires_at)`,
      )
      .run(participantId, room, expiresAt);
  }

  async isRevoked(participantId: ParticipantId, now: number): Promise<boolean> {
    const row = this
      .sql<[string, number], { one: number }>('SELECT 1 AS one FROM revoked_sessions WHERE participant_id = ? AND expires_at > ?')
      .get(participantId, now);
    return row !== undefined;
  }

  async reserveAttempt(key: string, now: number, policy: AttemptPolicy): Promise<number> {
    // better-sqlite3 is synchronous: read and write run as one step of this process.
    const row = this
      .sql<[string, number], { failures: number; next_at: number }>('SELECT failures, next_at FROM attempts WHERE key = ? AND expires_at > ?')
      .get(key, now);
    const failures = row?.failures ?? 0;
    if (row !== undefined && now < row.next_at) return row.next_at - now;
    this
      .sql(
        `INSERT INTO attempts (key, failures, next_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET failures = excluded.failures, next_at = excluded.next_at, expires_at = excluded.expires_at`,
      )
      .run(key, failures + 1, nextAttemptAt(failures + 1, now, policy), now + policy.keepMs);
    return 0;
  }

  async clearAttempts(key: string): Promise<void> {
    this.sql('DELETE FROM attempts WHERE key = ?').run(key);
  }

  async purge(now: number, cutoff: number): Promise<number> {
    const purge = this.db.transaction(() => {
      let removed = this
      .sql(
          `DELETE FROM chat_messages WHERE (room_id, meeting_id) IN
             (SELECT room_id, meeting_id FROM ended_meetings WHERE chat_expires_at < ?)`,
        )
        .run(now).changes;
      this.sql('DELETE FROM ended_meetings WHERE chat_expires_at < ?').run(now);
      removed += this
      .sql('DELETE FROM chat_messages WHERE room_id IN (SELECT id FROM rooms WHERE last_active_at < ?)')
        .run(cutoff).changes;
      this.sql('DELETE FROM ended_meetings WHERE room_id IN (SELECT id FROM rooms WHERE last_active_at < ?)').run(cutoff);
      this.sql('DELETE FROM rooms WHERE last_active_at < ?').run(cutoff);
      this.sql('DELETE FROM revoked_sessions WHERE expires_at < ?').run(now);
      this.sql('DELETE FROM attempts WHERE expires_at < ?').run(now);
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
    await this.chat.drain();
    await this.checkpointer?.stop();
    // The last connection to close checkpoints what is left and removes the WAL.
    this.db.close();
  }
}
