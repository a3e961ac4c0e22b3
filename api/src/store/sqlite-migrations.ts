/**
 * Schema migrations for the SQLite store, applied in order. The database's
 * `user_version` is the number of migrations already applied. Never edit a
 * released migration: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE rooms (
     id TEXT PRIMARY KEY,
     created_at INTEGER NOT NULL,
     last_active_at INTEGER NOT NULL
   ) STRICT`,
  `CREATE TABLE chat_messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     room_id TEXT NOT NULL,
     kind TEXT NOT NULL CHECK (kind IN ('user', 'system')),
     client_id TEXT,
     sender_id TEXT,
     sender_name TEXT NOT NULL,
     text TEXT NOT NULL,
     ts INTEGER NOT NULL
   ) STRICT;
   CREATE UNIQUE INDEX chat_messages_idempotency ON chat_messages (room_id, sender_id, client_id);
   CREATE INDEX chat_messages_room ON chat_messages (room_id, id)`,
  `ALTER TABLE rooms ADD COLUMN password_hash TEXT;
   CREATE TABLE revoked_sessions (
     participant_id TEXT PRIMARY KEY,
     room_id TEXT NOT NULL,
     expires_at INTEGER NOT NULL
   ) STRICT`,
  `CREATE TABLE attempts (
     key TEXT PRIMARY KEY,
     failures INTEGER NOT NULL,
     next_at INTEGER NOT NULL,
     expires_at INTEGER NOT NULL
   ) STRICT`,
  // Meetings: a room's current one, chat by meeting (lines from before have
  // none and are never shown again), and the ended ones whose chat is kept.
  `ALTER TABLE rooms ADD COLUMN meeting_id TEXT;
   ALTER TABLE rooms ADD COLUMN meeting_started_at INTEGER;
   ALTER TABLE chat_messages ADD COLUMN meeting_id TEXT NOT NULL DEFAULT '';
   CREATE INDEX chat_messages_meeting ON chat_messages (room_id, meeting_id, id);
   CREATE TABLE ended_meetings (
     room_id TEXT NOT NULL,
     meeting_id TEXT NOT NULL,
     chat_expires_at INTEGER NOT NULL,
     PRIMARY KEY (room_id, meeting_id)
   ) STRICT`,
  // chat_messages_room (room_id, id) served chat pages before meetings; pages
  // now read chat_messages_meeting (room_id, meeting_id, id), and what goes by
  // room alone (purge) uses that index's room_id prefix. Kept, it only cost
  // one more page written per commit: about a fifth of an append's time.
  `DROP INDEX IF EXISTS chat_messages_room`,
];
