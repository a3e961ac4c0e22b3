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
];
