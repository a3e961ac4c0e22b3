import { Logger } from '@nestjs/common';
import type { ParticipantId, RoomId } from '@parley/protocol';
import type { ClusterMessage, MemberState, RoomCluster, SharedSettings } from '../rooms/cluster';
import type { ParleyServer } from '../realtime/parley-socket';
import type { RedisConnection } from '../store/redis-connection';

/** The Socket.IO server-side event that carries {@link ClusterMessage}s between gateways. */
export const CLUSTER_EVENT = 'parley.cluster';
/** How often a gateway says it is alive, and how long its silence may last before others drop its people. */
export const HEARTBEAT_MS = 2_000;
export const HEARTBEAT_TTL_MS = 10_000;
/** Shared room state outlives a crashed cluster by at most this much. */
const ROOM_STATE_TTL_SECONDS = 24 * 3600;

const KEY = {
  gateways: 'parley:gateways',
  members: (room: RoomId) => `parley:members:${room}`,
  settings: (room: RoomId) => `parley:settings:${room}`,
};

/**
 * The room cluster over Redis. Messages travel through the Socket.IO adapter
 * (`serverSideEmit`): the same Redis stream as the pushes to other gateways'
 * sockets, so a gateway sees a state change and the pushes sent around it in
 * the order they were sent, and after a Redis blip it reads on from where it
 * stopped instead of losing them. State a gateway opening a room later needs
 * (members, lock and lobby) is kept in Redis hashes; each gateway beats in a
 * sorted set (`parley:gateways`, scored by the time of its last beat).
 */
export class RedisCluster implements RoomCluster {
  private readonly logger = new Logger('RedisCluster');
  private readonly listeners = new Set<(message: ClusterMessage) => void>();
  private server: ParleyServer | null = null;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly redis: RedisConnection) {
    this.beat();
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get gatewayId(): string {
    return this.redis.instanceId;
  }

  /** Starts carrying messages over `server`'s adapter (the realtime gateway calls this once the server exists). */
  attach(server: ParleyServer): void {
    this.server = server;
    server.of('/').on(CLUSTER_EVENT, (message: ClusterMessage) => {
      for (const listener of this.listeners) listener(message);
    });
  }

  send(message: ClusterMessage): void {
    if (this.server === null) {
      this.logger.warn(`Not attached to Socket.IO yet: ${message.type} for ${message.room} not sent`);
      return;
    }
    this.server.serverSideEmit(CLUSTER_EVENT, message);
  }

  onMessage(listener: (message: ClusterMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async members(room: RoomId): Promise<MemberState[]> {
    const values = await this.redis.client.hVals(KEY.members(room));
    return values.map((value) => JSON.parse(value) as MemberState);
  }

  async saveMember(room: RoomId, member: MemberState): Promise<void> {
    await this.redis.client
      .multi()
      .hSet(KEY.members(room), member.info.id, JSON.stringify(member))
      .expire(KEY.members(room), ROOM_STATE_TTL_SECONDS)
      .exec();
  }

  async forgetMember(room: RoomId, participantId: ParticipantId): Promise<void> {
    await this.redis.client.hDel(KEY.members(room), participantId);
  }

  async settings(room: RoomId): Promise<SharedSettings | null> {
    const value = await this.redis.client.get(KEY.settings(room));
    return value === null ? null : (JSON.parse(value) as SharedSettings);
  }

  async saveSettings(room: RoomId, settings: SharedSettings | null): Promise<void> {
    if (settings === null) await this.redis.client.del(KEY.settings(room));
    else await this.redis.client.set(KEY.settings(room), JSON.stringify(settings), { EX: ROOM_STATE_TTL_SECONDS });
  }

  async liveGateways(): Promise<ReadonlySet<string>> {
    const ids = await this.redis.client.zRangeByScore(KEY.gateways, Date.now() - HEARTBEAT_TTL_MS, '+inf');
    return new Set(ids);
  }

  async spendOnce(key: string, ttlMs: number): Promise<boolean> {
    const set = await this.redis.client.set(`parley:spent:${key}`, '1', { NX: true, PX: ttlMs });
    return set === 'OK';
  }

  private beat(): void {
    const now = Date.now();
    this.redis.client
      .multi()
      .zAdd(KEY.gateways, { score: now, value: this.gatewayId })
      .zRemRangeByScore(KEY.gateways, '-inf', now - 10 * HEARTBEAT_TTL_MS)
      .exec()
      .catch((error: unknown) => this.logger.warn(`Heartbeat: ${String(error)}`));
  }

  /**
   * Stops beating and leaves the set, so the others drop this gateway's
   * people at their next sweep rather than after the TTL. Idempotent.
   */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.redis.client.zRem(KEY.gateways, this.gatewayId).catch(() => undefined);
  }
}
