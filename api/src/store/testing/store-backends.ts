import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RoomId } from '@parley/protocol';
import { RedisConnection } from '../redis-connection';
import { RedisStore } from '../redis-store';
import { SqliteStore } from '../sqlite-store';
import type { Store } from '../store';
import { startRedis, type TestRedis } from './redis-server';

/**
 * One Store implementation as the contract specs run it: set up once per
 * suite, a fresh empty store per case, and a way to make one meeting's chat
 * writes fail while the rest still work (to see what a failed write refuses).
 */
export interface StoreBackend {
  readonly name: string;
  setUp(): Promise<void>;
  open(): Promise<Store>;
  /** A second store on the same data as the last one opened, through its own connection. */
  openSecond(): Promise<Store>;
  /** From now on every chat line appended to (`room`, `meeting`) fails on its own. */
  poisonChat(room: RoomId, meeting: string): Promise<void>;
  tearDown(): Promise<void>;
}

/** The embedded store on a file in a fresh folder per case (so WAL is on: `:memory:` has no WAL). */
function sqliteBackend(): StoreBackend {
  let dir: string | undefined;
  let path = '';
  return {
    name: 'SqliteStore',
    setUp: async () => {
      dir = mkdtempSync(join(tmpdir(), 'parley-contract-'));
    },
    open: async () => {
      if (dir === undefined) throw new Error('set up first');
      path = join(mkdtempSync(join(dir, 'case-')), 'parley.db');
      return new SqliteStore(path);
    },
    openSecond: async () => new SqliteStore(path),
    // A trigger from a second connection: schema is shared, so the store's own connection sees it at once.
    poisonChat: async (room, meeting) => {
      const db = new Database(path);
      try {
        db.exec(
          `CREATE TRIGGER poison BEFORE INSERT ON chat_messages
           WHEN NEW.room_id = '${room}' AND NEW.meeting_id = '${meeting}'
           BEGIN SELECT RAISE(ABORT, 'poisoned chat'); END`,
        );
      } finally {
        db.close();
      }
    },
    tearDown: async () => {
      if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
      dir = undefined;
    },
  };
}

/** The scale-out store on a real redis-server started on a free port, flushed per case. */
function redisBackend(): StoreBackend {
  let redis: TestRedis | undefined;
  const connections: RedisConnection[] = [];
  return {
    name: 'RedisStore',
    setUp: async () => {
      redis = await startRedis();
    },
    open: async () => {
      if (redis === undefined) throw new Error('redis-server is not running');
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
      const connection = await RedisConnection.connect(redis.url);
      connections.push(connection);
      await connection.client.flushAll();
      return new RedisStore(connection);
    },
    openSecond: async () => {
      if (redis === undefined) throw new Error('redis-server is not running');
      const connection = await RedisConnection.connect(redis.url);
      connections.push(connection);
      return new RedisStore(connection);
    },
    // A string where the meeting's sorted set belongs: the append script's ZADD fails (WRONGTYPE).
    poisonChat: async (room, meeting) => {
      const connection = connections[0];
      if (connection === undefined) throw new Error('open first');
      await connection.client.set(`${RedisStore.prefix}chat:${room}:${meeting}`, 'poison');
    },
    tearDown: async () => {
      await Promise.all(connections.splice(0).map((connection) => connection.close()));
      await redis?.stop();
      redis = undefined;
    },
  };
}

/** Both implementations, each run through the same contract. */
export function storeBackends(): StoreBackend[] {
  return [sqliteBackend(), redisBackend()];
}
