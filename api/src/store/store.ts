import type { RoomId } from '@parley/protocol';

/** A room's persisted settings. Live state (who is in) is never persisted. */
export interface RoomRecord {
  readonly id: RoomId;
  readonly createdAt: number;
  readonly lastActiveAt: number;
}

/**
 * Durable state behind one interface: the embedded SQLite store now, a Redis
 * one for scale-out later. Implementations must be safe to call concurrently
 * from one process.
 */
export interface Store {
  /** Records activity in a room, creating its record on first use. */
  touchRoom(id: RoomId, at: number): Promise<RoomRecord>;
  getRoom(id: RoomId): Promise<RoomRecord | undefined>;
  /** Releases the underlying resources. Idempotent. */
  close(): Promise<void>;
}

/** Injection token for the {@link Store}. */
export const STORE = Symbol('STORE');
