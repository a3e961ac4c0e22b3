import type { ChatMessage, ChatPage, ParticipantId, RoomId } from '@parley/protocol';

/**
 * One continuous occupancy of a room: from the first join to an empty room
 * until the room has been empty past its grace. Its chat and settings are
 * its own; a later meeting in the same room starts with neither.
 */
export interface MeetingRecord {
  readonly id: string;
  readonly startedAt: number;
}

/** A room's persisted state. Live state (who is in) is never persisted. */
export interface RoomRecord {
  readonly id: RoomId;
  readonly createdAt: number;
  /** Last join, or the last periodic touch of a live room (see `Meetings`). */
  readonly lastActiveAt: number;
  /** argon2id hash of the current meeting's password, or null for none. Never leaves the gateway. */
  readonly passwordHash: string | null;
  /** The meeting last opened and not ended; a gateway that stopped without ending it leaves it stale (see `Meetings`). */
  readonly meeting: MeetingRecord | null;
}

/**
 * How attempts at a guessable secret are paced: the first `free` go at
 * once, then each waits twice as long as the one before (from `baseMs`, at
 * most `maxMs`). A record is forgotten `keepMs` after its last attempt.
 */
export interface AttemptPolicy {
  readonly free: number;
  readonly baseMs: number;
  readonly maxMs: number;
  readonly keepMs: number;
}

/** When the attempt after `failures` reserved ones may start (0: at once). */
export function nextAttemptAt(failures: number, now: number, policy: AttemptPolicy): number {
  if (failures < policy.free) return 0;
  return now + Math.min(policy.maxMs, policy.baseMs * 2 ** (failures - policy.free));
}

/** A chat line before the store gives it an id. */
export type ChatDraft = Omit<ChatMessage, 'id'>;

/**
 * Durable state behind one interface: the embedded SQLite store by default,
 * the Redis one (`REDIS_URL`) when several gateways share rooms. Both pass
 * one contract spec. Implementations must be safe to call concurrently from
 * one process (and the Redis one from several gateways).
 */
export interface Store {
  /** Records activity in a room, creating its record on first use. */
  touchRoom(id: RoomId, at: number): Promise<RoomRecord>;
  /**
   * `touchRoom` for many rooms at once (the live rooms, every
   * MEETING_TOUCH_MS): one SQLite commit for all of them instead of one
   * each (400 rooms: 5.3 ms of blocked event loop, 2.2 ms in one commit, on
   * a file in WAL mode), one pipeline to Redis instead of a round trip each.
   */
  touchRooms(ids: readonly RoomId[], at: number): Promise<void>;
  getRoom(id: RoomId): Promise<RoomRecord | undefined>;
  /**
   * Opens a meeting in room `id` and touches the room at `candidate.startedAt`:
   * the room's meeting goes on when the room was active since `freshSince`;
   * otherwise `candidate` becomes its meeting, with no password, and the
   * stale meeting it replaced (if any) is returned to be ended. Atomic
   * across gateways sharing the store: concurrent openers get one meeting.
   */
  openMeeting(id: RoomId, candidate: MeetingRecord, freshSince: number): Promise<{ meeting: MeetingRecord; replaced: string | null }>;
  /**
   * Ends `meeting` of room `id`: when it is still the room's, the room has
   * no meeting and no password afterwards. Its chat is deleted now
   * (`chatKeptUntil` null) or at `chatKeptUntil` by `purge`. Idempotent.
   */
  endMeeting(id: RoomId, meeting: string, chatKeptUntil: number | null): Promise<void>;
  /**
   * Appends a chat line to a meeting of a room. Idempotent on (room, sender,
   * clientId): a repeat returns the stored message with `created: false`
   * and stores nothing.
   */
  appendChat(room: RoomId, meeting: string, draft: ChatDraft): Promise<{ message: ChatMessage; created: boolean }>;
  /** Up to `limit` messages of one meeting older than id `before` (the newest when omitted), oldest first. */
  chatPage(room: RoomId, meeting: string, limit: number, before?: number): Promise<ChatPage>;
  /** Sets (or clears, with null) the current meeting's password hash; the room record must exist. */
  setRoomPassword(id: RoomId, passwordHash: string | null): Promise<void>;
  /** Revokes a participant's session until `expiresAt` (when its last token expires anyway). */
  revokeSession(participantId: ParticipantId, room: RoomId, expiresAt: number): Promise<void>;
  isRevoked(participantId: ParticipantId, now: number): Promise<boolean>;
  /**
   * Reserves one attempt under `key` (counted before the secret is checked,
   * so concurrent guesses cannot all slip in before the first failure is
   * recorded): 0 when it may go ahead, otherwise the milliseconds to wait
   * (and nothing is counted). Atomic across gateways sharing the store.
   */
  reserveAttempt(key: string, now: number, policy: AttemptPolicy): Promise<number>;
  /** Forgets the attempts under `key` (the secret was right). */
  clearAttempts(key: string): Promise<void>;
  /**
   * Deletes what outlived its time: the chat of ended meetings kept until
   * before `now`, and the rooms (with all their chat) last active before
   * `cutoff`. Returns the messages removed.
   */
  purge(now: number, cutoff: number): Promise<number>;
  /**
   * Rejects unless a write can be committed now (for the readiness probe):
   * cheap, and leaves no data behind.
   */
  checkWritable(): Promise<void>;
  /** Releases the underlying resources. Idempotent. */
  close(): Promise<void>;
}

/** Injection token for the {@link Store}. */
export const STORE = Symbol('STORE');
