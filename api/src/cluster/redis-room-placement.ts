import type { RoomPlacement } from '../janus/room-placement';
import type { RedisConnection } from '../store/redis-connection';

/** A placement outlives a cluster that stopped by at most this much (refreshed on each assignment). */
const PLACEMENT_TTL_SECONDS = 24 * 3600;

/** Places `KEYS[1]` on `ARGV[1]` unless placed already; returns where it is placed. */
const ASSIGN = `
local placed = redis.call('GET', KEYS[1])
if placed then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  return placed
end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return ARGV[1]`;

/** Forgets the placement only if it is still on `ARGV[1]`. */
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 1`;

/**
 * Room → Janus instance, shared by every gateway over Redis
 * (`parley:placement:<room>`), so that all of them send a room's people to the
 * same Janus. Each change is one Lua script, atomic in Redis: of two gateways
 * placing a new room at once, the first wins and the other follows it.
 */
export class RedisRoomPlacement implements RoomPlacement {
  constructor(private readonly redis: RedisConnection) {}

  private key(roomKey: string): string {
    return `parley:placement:${roomKey}`;
  }

  async get(roomKey: string): Promise<string | null> {
    return this.redis.client.get(this.key(roomKey));
  }

  async assign(roomKey: string, instance: string): Promise<string> {
    const placed = await this.redis.client.eval(ASSIGN, { keys: [this.key(roomKey)], arguments: [instance, String(PLACEMENT_TTL_SECONDS)] });
    return String(placed);
  }

  async release(roomKey: string, instance: string): Promise<void> {
    await this.redis.client.eval(RELEASE, { keys: [this.key(roomKey)], arguments: [instance] });
  }
}
