import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RoomId } from '@parley/protocol';
import { MIGRATIONS } from './sqlite-migrations';
import type { RoomRecord, Store } from './store';

interface RoomRow {
  id: string;
  created_at: number;
  last_active_at: number;
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

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
