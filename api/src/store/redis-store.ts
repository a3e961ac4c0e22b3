import type { ChatMessage, ChatPage, ParticipantId, RoomId } from '@parley/protocol';
import { RedisChat } from './redis-chat';
import type { RedisConnection } from './redis-connection';
import type { AttemptPolicy, ChatDraft, MeetingRecord, RoomRecord, Store } from './store';

/**
 * Key layout (every key under {@link RedisStore.prefix}):
 * - `room:<id>` hash: createdAt, lastActiveAt, passwordHash (absent for
 *   none), meetingId and meetingStartedAt (absent between meetings)
 * - `rooms` sorted set: room id scored by its last activity (for retention)
 * - `chat:<room>:<meeting>` sorted set: `<id> <draft JSON>` scored by message
 *   id; deleted when the meeting ends, or expiring when its chat is kept
 * - `chat:<room>:<meeting>:sent` hash: `<senderId> <clientId>` → message id (idempotency)
 * - `meetings:<room>` set: the meetings with chat kept (for the room's purge)
 * - `chat:seq` counter: message ids, increasing across rooms as in SQLite
 * - `revoked:<participant>`: expiry time, expiring itself at that time
 * - `attempts:<key>` hash: failures, nextAt; expiring `keepMs` after the last attempt
 */
const TOUCH_ROOM = `
redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[1])
local last = tonumber(redis.call('HGET', KEYS[1], 'lastActiveAt') or '0')
if tonumber(ARGV[1]) > last then
  redis.call('HSET', KEYS[1], 'lastActiveAt', ARGV[1])
  redis.call('ZADD', KEYS[2], ARGV[1], ARGV[2])
end
return redis.call('HGETALL', KEYS[1])`;

/**
 * Opens a meeting (see Store.openMeeting). KEYS: room hash, rooms zset.
 * ARGV: candidate id, its start, freshSince, room id. Returns {meeting id,
 * its start, the replaced meeting or ''}.
 */
const OPEN_MEETING = `
local meeting = redis.call('HGET', KEYS[1], 'meetingId')
local last = tonumber(redis.call('HGET', KEYS[1], 'lastActiveAt') or '0')
redis.call('HSETNX', KEYS[1], 'createdAt', ARGV[2])
if tonumber(ARGV[2]) > last then
  redis.call('HSET', KEYS[1], 'lastActiveAt', ARGV[2])
  redis.call('ZADD', KEYS[2], ARGV[2], ARGV[4])
end
if meeting and last >= tonumber(ARGV[3]) then
  return {meeting, redis.call('HGET', KEYS[1], 'meetingStartedAt'), ''}
end
redis.call('HSET', KEYS[1], 'meetingId', ARGV[1], 'meetingStartedAt', ARGV[2])
redis.call('HDEL', KEYS[1], 'passwordHash')
return {ARGV[1], ARGV[2], meeting or ''}`;

/** Ends a meeting if it is still the room's (see Store.endMeeting). */
const END_MEETING = `
if redis.call('HGET', KEYS[1], 'meetingId') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'meetingId', 'meetingStartedAt', 'passwordHash')
end
return 1`;

/** Revocations only ever lengthen: the later expiry wins. */
const REVOKE = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1], 'PXAT', ARGV[1]) end
return 1`;

/**
 * Reserves an attempt (see Store.reserveAttempt): returns the wait in ms, or
 * 0 after counting it. ARGV: now, free, baseMs, maxMs, keepMs. The pacing
 * mirrors `nextAttemptAt`.
 */
const RESERVE_ATTEMPT = `
local now = tonumber(ARGV[1])
local nextAt = tonumber(redis.call('HGET', KEYS[1], 'nextAt') or '0')
if now < nextAt then return nextAt - now end
local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
local free = tonumber(ARGV[2])
local at = 0
if failures >= free then at = now + math.floor(math.min(tonumber(ARGV[4]), tonumber(ARGV[3]) * (2 ^ (failures - free)))) end
redis.call('HSET', KEYS[1], 'nextAt', at)
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 0`;

/** Sets a password only on a room that exists. */
const SET_PASSWORD = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if ARGV[1] == '' then redis.call('HDEL', KEYS[1], 'passwordHash') else redis.call('HSET', KEYS[1], 'passwordHash', ARGV[1]) end
return 1`;

function pairs(flat: readonly unknown[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

/**
 * The scale-out store: the same contract as the SQLite one, in Redis, so
 * every gateway reads the same rooms, chat and revocations. Multi-key
 * changes run as Lua scripts, atomic in Redis; a turn's chat appends reach
 * it as one pipeline (see `RedisChat`).
 */
export class RedisStore implements Store {
  static readonly prefix = 'parley:';
  private closed = false;
  private readonly chat: RedisChat;

  /** `redis` is shared with the rest of the gateway; closing the store does not close it. */
  constructor(private readonly redis: RedisConnection) {
    this.chat = new RedisChat(redis, (...parts) => this.key(...parts));
  }

  private key(...parts: string[]): string {
    return RedisStore.prefix + parts.join(':');
  }

  private async script(source: string, keys: string[], args: string[]): Promise<unknown> {
    return this.redis.client.eval(source, { keys, arguments: args });
  }

  async touchRoom(id: RoomId, at: number): Promise<RoomRecord> {
    const flat = (await this.script(TOUCH_ROOM, [this.key('room', id), this.key('rooms')], [String(at), id])) as unknown[];
    return this.toRecord(id, pairs(flat));
  }

  async touchRooms(ids: readonly RoomId[], at: number): Promise<void> {
    // Sent in one turn, so node-redis writes them as one pipeline.
    await Promise.all(ids.map((id) => this.script(TOUCH_ROOM, [this.key('room', id), this.key('rooms')], [String(at), id])));
  }

  async getRoom(id: RoomId): Promise<RoomRecord | undefined> {
    const fields = (await this.redis.client.hGetAll(this.key('room', id))) as Record<string, string>;
    return fields['createdAt'] === undefined ? undefined : this.toRecord(id, fields);
  }

  private toRecord(id: RoomId, fields: Record<string, string>): RoomRecord {
    const meetingId = fields['meetingId'];
    return {
      id,
      createdAt: Number(fields['createdAt']),
      lastActiveAt: Number(fields['lastActiveAt']),
      passwordHash: fields['passwordHash'] ?? null,
      meeting: meetingId === undefined ? null : { id: meetingId, startedAt: Number(fields['meetingStartedAt']) },
    };
  }

  async openMeeting(id: RoomId, candidate: MeetingRecord, freshSince: number): Promise<{ meeting: MeetingRecord; replaced: string | null }> {
    const args = [candidate.id, String(candidate.startedAt), String(freshSince), id];
    const [meeting, startedAt, replaced] = (await this.script(OPEN_MEETING, [this.key('room', id), this.key('rooms')], args)) as [string, string, string];
    return { meeting: { id: meeting, startedAt: Number(startedAt) }, replaced: replaced === '' ? null : replaced };
  }

  async endMeeting(id: RoomId, meeting: string, chatKeptUntil: number | null): Promise<void> {
    await this.script(END_MEETING, [this.key('room', id)], [meeting]);
    const chat = [this.key('chat', id, meeting), this.key('chat', id, meeting, 'sent')];
    if (chatKeptUntil === null) {
      await this.redis.client.multi().del(chat).sRem(this.key('meetings', id), meeting).exec();
    } else {
      const multi = this.redis.client.multi();
      for (const key of chat) multi.pExpireAt(key, Math.ceil(chatKeptUntil));
      await multi.exec();
    }
  }

  appendChat(room: RoomId, meeting: string, draft: ChatDraft): Promise<{ message: ChatMessage; created: boolean }> {
    return this.chat.append(room, meeting, draft);
  }

  chatPage(room: RoomId, meeting: string, limit: number, before?: number): Promise<ChatPage> {
    return this.chat.pageOf(room, meeting, limit, before);
  }

  async setRoomPassword(id: RoomId, passwordHash: string | null): Promise<void> {
    const changed = await this.script(SET_PASSWORD, [this.key('room', id)], [passwordHash ?? '']);
    if (changed !== 1) throw new Error(`setRoomPassword: no room ${id}`);
  }

  async revokeSession(participantId: ParticipantId, _room: RoomId, expiresAt: number): Promise<void> {
    await this.script(REVOKE, [this.key('revoked', participantId)], [String(Math.ceil(expiresAt))]);
  }

  async isRevoked(participantId: ParticipantId, now: number): Promise<boolean> {
    const until = await this.redis.client.get(this.key('revoked', participantId));
    return until !== null && Number(until) > now;
  }

  async reserveAttempt(key: string, now: number, policy: AttemptPolicy): Promise<number> {
    const args = [now, policy.free, policy.baseMs, policy.maxMs, policy.keepMs].map(String);
    return Number(await this.script(RESERVE_ATTEMPT, [this.key('attempts', key)], args));
  }

  async clearAttempts(key: string): Promise<void> {
    await this.redis.client.del(this.key('attempts', key));
  }

  /** Kept chat of ended meetings expires by itself (PEXPIREAT): only rooms quiet since `cutoff` go here. */
  async purge(_now: number, cutoff: number): Promise<number> {
    const rooms = await this.redis.client.zRangeByScore(this.key('rooms'), '-inf', `(${cutoff}`);
    let removed = 0;
    for (const room of rooms) {
      const meetings = await this.redis.client.sMembers(this.key('meetings', room));
      const chats = meetings.map((meeting) => this.key('chat', room, meeting));
      const multi = this.redis.client.multi();
      for (const chat of chats) multi.zCard(chat);
      multi.del([...chats, ...meetings.map((meeting) => this.key('chat', room, meeting, 'sent')), this.key('meetings', room), this.key('room', room)]);
      multi.zRem(this.key('rooms'), room);
      const replies = (await multi.exec()) as unknown as number[];
      removed += replies.slice(0, chats.length).reduce((sum, count) => sum + Number(count), 0);
    }
    return removed;
  }

  /** Writes and deletes a probe key: fails when Redis is unreachable, read-only (a replica) or out of memory. */
  async checkWritable(): Promise<void> {
    if (this.closed) throw new Error('The store is closed');
    const probe = this.key('probe', this.redis.instanceId);
    await this.redis.probe('a write', async (client) => {
      await client.set(probe, '1', { PX: 5_000 });
      await client.del(probe);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
