import type { ChatMessage, ChatPage, RoomId } from '@parley/protocol';
import type { RedisConnection } from './redis-connection';
import type { ChatDraft } from './store';

/**
 * Appends once per (sender, clientId). KEYS: the meeting's chat zset, its
 * `sent` hash, the id counter, the room's meetings set. ARGV: the dedupe key
 * ('' for none), the draft's JSON, the meeting. Returns {1, id} when stored;
 * {0, id, member} for a repeat, the stored member read in the same script
 * rather than by a second round trip.
 */
const APPEND_CHAT = `
if ARGV[1] ~= '' then
  local existing = redis.call('HGET', KEYS[2], ARGV[1])
  if existing then
    local found = redis.call('ZRANGEBYSCORE', KEYS[1], existing, existing)
    return {0, tonumber(existing), found[1] or ''}
  end
end
local id = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[1], id, id .. ' ' .. ARGV[2])
if ARGV[1] ~= '' then redis.call('HSET', KEYS[2], ARGV[1], id) end
redis.call('SADD', KEYS[4], ARGV[3])
return {1, id}`;

/** The fields of a chat line stored after its id (the id is the score). */
type StoredDraft = Omit<ChatMessage, 'id'>;

/** A `chat:<room>:<meeting>` member: `<id> <draft JSON>`. */
export function parseMember(member: string): ChatMessage {
  const space = member.indexOf(' ');
  const draft = JSON.parse(member.slice(space + 1)) as StoredDraft;
  return { id: Number(member.slice(0, space)), ...draft };
}

/** What an append made: the stored message, and whether this append stored it. */
export interface Appended {
  readonly message: ChatMessage;
  readonly created: boolean;
}

type AppendReply = [1, number] | [0, number, string];

/**
 * The Redis store's chat appends: each one a single script (its repeat
 * check, id, line, dedupe entry and meeting set in one atomic step, and a
 * repeat's stored line in its reply, where it used to take a second round
 * trip). The appends of one event-loop turn already reach Redis as one
 * pipeline: node-redis queues the commands issued in a turn and writes them
 * together on the next (`setImmediate`, corked socket), and Redis runs them in
 * that order, so their ids follow the order they were asked in. A batch of
 * our own on top (tried: `multi().execAsPipeline()`) only added a turn of
 * latency, and node-redis rejects the whole of such a pipeline on its first
 * failed command.
 *
 * Failures: an append whose script fails (say, a key of the wrong type) is
 * refused alone, and the others of its turn stand; a lost connection refuses
 * every append waiting on it. Redis commits each script on its own: a refused
 * append may still have used an id, which only leaves a gap.
 */
export class RedisChat {
  constructor(
    private readonly redis: RedisConnection,
    private readonly key: (...parts: string[]) => string,
  ) {}

  /** Appends with one script; resolves once Redis has run it. */
  async append(room: RoomId, meeting: string, draft: ChatDraft): Promise<Appended> {
    const dedupe = draft.senderId === null || draft.clientId === null ? '' : `${draft.senderId} ${draft.clientId}`;
    const stored: StoredDraft = { ...draft };
    const keys = [this.key('chat', room, meeting), this.key('chat', room, meeting, 'sent'), this.key('chat', 'seq'), this.key('meetings', room)];
    const reply = (await this.redis.client.eval(APPEND_CHAT, { keys, arguments: [dedupe, JSON.stringify(stored), meeting] })) as AppendReply;
    if (reply[0] === 1) return { message: { id: reply[1], ...stored }, created: true };
    if (reply[2] === '') throw new Error('appendChat: the earlier message vanished');
    return { message: parseMember(reply[2]), created: false };
  }

  /** Up to `limit` messages older than `before`, oldest first (see Store.chatPage). */
  async pageOf(room: RoomId, meeting: string, limit: number, before?: number): Promise<ChatPage> {
    // One extra message tells whether an older page exists.
    const max = before === undefined ? '+inf' : `(${before}`;
    const members = await this.redis.client.zRange(this.key('chat', room, meeting), max, '-inf', {
      BY: 'SCORE',
      REV: true,
      LIMIT: { offset: 0, count: limit + 1 },
    });
    return { messages: members.slice(0, limit).reverse().map(parseMember), hasMore: members.length > limit };
  }
}
