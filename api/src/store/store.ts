import type { ChatMessage, ChatPage, RoomId } from '@parley/protocol';

/** A room's persisted settings. Live state (who is in) is never persisted. */
export interface RoomRecord {
  readonly id: RoomId;
  readonly createdAt: number;
  readonly lastActiveAt: number;
}

/** A chat line before the store gives it an id. */
export type ChatDraft = Omit<ChatMessage, 'id'>;

/**
 * Durable state behind one interface: the embedded SQLite store now, a Redis
 * one for scale-out later. Implementations must be safe to call concurrently
 * from one process.
 */
export interface Store {
  /** Records activity in a room, creating its record on first use. */
  touchRoom(id: RoomId, at: number): Promise<RoomRecord>;
  getRoom(id: RoomId): Promise<RoomRecord | undefined>;
  /**
   * Appends a chat line. Idempotent on (room, sender, clientId): a repeat
   * returns the stored message with `created: false` and stores nothing.
   */
  appendChat(room: RoomId, draft: ChatDraft): Promise<{ message: ChatMessage; created: boolean }>;
  /** Up to `limit` messages older than id `before` (the newest when omitted), oldest first. */
  chatPage(room: RoomId, limit: number, before?: number): Promise<ChatPage>;
  /** Deletes the rooms (and their chat) last active before `cutoff`; returns the messages removed. */
  purgeRoomsInactiveSince(cutoff: number): Promise<number>;
  /** Releases the underlying resources. Idempotent. */
  close(): Promise<void>;
}

/** Injection token for the {@link Store}. */
export const STORE = Symbol('STORE');
