import type { Sfu, SfuInstance, SfuPublisher, SfuRoom, SfuRoomOptions, SfuSubscriber } from '../rooms/sfu';
import type { JanusLogger } from './janus-context';
import { JanusError } from './janus-error';
import type { RoomPlacement } from './room-placement';

/** One SFU server of a pool: in the gateway, a ReconnectingSfu over one Janus. */
export interface SfuPoolMember extends SfuInstance {
  /** Publishers this gateway has on it now: its load. */
  readonly publishers: number;
  createRoom(roomKey: string, options: SfuRoomOptions): Promise<SfuRoom>;
  close(): Promise<void>;
}

/** A room of the pool: which member holds it (or is about to), and its creation. */
interface Placed {
  member: SfuPoolMember;
  readonly room: Promise<PooledRoom>;
}

/** How many times a room whose placement points at a server that is down is placed again. */
const PLACEMENT_ATTEMPTS = 3;

/**
 * The Sfu port over several SFU servers (one per Janus instance). Each room
 * lives on one server, recorded in a {@link RoomPlacement}; a new room goes
 * to the least-loaded reachable server (fewest publishers of this gateway,
 * then fewest rooms, then the first listed).
 *
 * When a server is lost, its rooms are released and, while another server
 * is up, announced one by one through `onRoomLost`: the rooms domain creates
 * each again (landing on a reachable server) and its clients publish again.
 * Rooms on the other servers are not touched. When no server is left, the
 * pool reports itself down through `onConnectionChange(false)`, and up again
 * (`true`) as soon as one server is back, as a single SFU would.
 */
export class SfuPool implements Sfu {
  private readonly placed = new Map<string, Placed>();
  private readonly connectionListeners = new Set<(up: boolean) => void>();
  private readonly roomLostListeners = new Set<(roomKey: string) => void>();
  private readonly stops: Array<() => void>;
  /** Whether the pool as a whole was last reported up. */
  private up: boolean;
  private closed = false;

  /** The members should have made their first connection attempt: the pool starts up if one of them is. */
  constructor(
    private readonly members: readonly SfuPoolMember[],
    private readonly placement: RoomPlacement,
    private readonly logger: JanusLogger,
  ) {
    if (members.length === 0) throw new Error('An SFU pool needs at least one SFU server');
    const names = members.map((member) => member.name);
    const twice = names.find((name, index) => names.indexOf(name) !== index);
    if (twice !== undefined) throw new Error(`SFU server ${twice} is listed twice`);
    this.up = this.healthy;
    this.stops = members.map((member) => member.onConnectionChange((up) => this.memberChanged(member, up)));
  }

  get healthy(): boolean {
    return this.members.some((member) => member.healthy);
  }

  get instances(): readonly SfuInstance[] {
    return this.members;
  }

  createRoom(roomKey: string, options: SfuRoomOptions): Promise<SfuRoom> {
    const existing = this.placed.get(roomKey);
    if (existing !== undefined) {
      // A room being destroyed is created afresh once the destroy is through.
      return existing.room.then(async (room) => {
        if (!room.destroyed) return room;
        await room.destroy();
        return this.createRoom(roomKey, options);
      });
    }
    const choice = this.leastLoaded();
    if (choice === undefined) return Promise.reject(new JanusError('Janus is unavailable; try again in a moment'));
    // Recorded at once, so concurrent new rooms count it and spread out.
    const holder = { member: choice };
    const entry: Placed = Object.assign(holder, { room: this.place(roomKey, options, holder) });
    this.placed.set(roomKey, entry);
    entry.room.catch(() => {
      if (this.placed.get(roomKey) === entry) this.placed.delete(roomKey);
    });
    return entry.room;
  }

  onConnectionChange(listener: (up: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    return () => this.connectionListeners.delete(listener);
  }

  onRoomLost(listener: (roomKey: string) => void): () => void {
    this.roomLostListeners.add(listener);
    return () => this.roomLostListeners.delete(listener);
  }

  /** Closes every member (and with them their rooms). Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops) stop();
    await Promise.all(this.members.map((member) => member.close()));
    this.placed.clear();
    this.connectionListeners.clear();
    this.roomLostListeners.clear();
  }

  /** The reachable member with the least load, or undefined when none is reachable. */
  private leastLoaded(): SfuPoolMember | undefined {
    const rooms = new Map<SfuPoolMember, number>();
    for (const { member } of this.placed.values()) rooms.set(member, (rooms.get(member) ?? 0) + 1);
    let best: { member: SfuPoolMember; publishers: number; rooms: number } | undefined;
    for (const member of this.members) {
      if (!member.healthy) continue;
      const load = { member, publishers: member.publishers, rooms: rooms.get(member) ?? 0 };
      if (best === undefined || load.publishers < best.publishers || (load.publishers === best.publishers && load.rooms < best.rooms)) {
        best = load;
      }
    }
    return best?.member;
  }

  /**
   * Records the placement (an existing one wins), then creates the room on
   * that member. A placement on a member that is down (a loss another
   * gateway has not released yet) is released and made again.
   */
  private async place(roomKey: string, options: SfuRoomOptions, entry: { member: SfuPoolMember }): Promise<PooledRoom> {
    let proposed: SfuPoolMember | undefined = entry.member;
    for (let attempt = 1; proposed !== undefined && attempt <= PLACEMENT_ATTEMPTS; attempt++) {
      const name = await this.placement.assign(roomKey, proposed.name);
      const member = this.members.find((candidate) => candidate.name === name);
      if (member === undefined) {
        throw new JanusError(`Room ${roomKey} is placed on ${name}, which is not among this gateway's Janus instances (JANUS_URLS)`);
      }
      if (member.healthy) {
        entry.member = member;
        const room = await member.createRoom(roomKey, options);
        this.logger.log(`Room ${roomKey} is on Janus ${member.name}`);
        return new PooledRoom(room, member.name, (releasePlacement) => this.destroyed(roomKey, entry, releasePlacement));
      }
      this.logger.warn(`Room ${roomKey} was placed on Janus ${name}, which is down; placing it again`);
      await this.placement.release(roomKey, name);
      proposed = this.leastLoaded();
    }
    throw new JanusError(`Janus is unavailable for room ${roomKey}; try again in a moment`);
  }

  /**
   * A room was destroyed (or released, left to other gateways, whose
   * placement stays): forget it, unless it was lost and placed again meanwhile.
   */
  private destroyed(roomKey: string, entry: { member: SfuPoolMember }, releasePlacement: boolean): void {
    if (this.placed.get(roomKey) !== entry) return;
    this.placed.delete(roomKey);
    if (releasePlacement) this.release(roomKey, entry.member.name);
  }

  private memberChanged(member: SfuPoolMember, up: boolean): void {
    if (this.closed) return;
    const lost = up ? [] : this.forgetRoomsOf(member);
    const anyUp = this.healthy;
    if (!up) {
      const where = anyUp ? '; moving them to the other instances' : '; no Janus instance is left';
      this.logger.error(`Janus ${member.name} was lost with ${lost.length} room(s)${where}`);
    } else {
      this.logger.log(`Janus ${member.name} is back; new rooms may go to it`);
    }
    if (anyUp !== this.up) {
      this.up = anyUp;
      for (const listener of this.connectionListeners) this.call(() => listener(anyUp));
    } else if (anyUp) {
      for (const roomKey of lost) for (const listener of this.roomLostListeners) this.call(() => listener(roomKey));
    }
  }

  /** Forgets (and releases) every room placed on `member`; returns their keys. */
  private forgetRoomsOf(member: SfuPoolMember): string[] {
    const lost: string[] = [];
    for (const [roomKey, entry] of this.placed) {
      if (entry.member !== member) continue;
      this.placed.delete(roomKey);
      this.release(roomKey, member.name);
      lost.push(roomKey);
    }
    return lost;
  }

  private release(roomKey: string, instance: string): void {
    this.placement.release(roomKey, instance).catch((error: unknown) => {
      this.logger.warn(`Could not release the placement of room ${roomKey} on ${instance}: ${String(error)}`);
    });
  }

  private call(listener: () => void): void {
    try {
      listener();
    } catch (error) {
      this.logger.error(`SFU pool listener failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

/**
 * A member's room as the pool hands it out: the same room, which also tells
 * the pool when it is destroyed so its placement is released.
 */
class PooledRoom implements SfuRoom {
  private destroying: Promise<void> | null = null;

  constructor(
    private readonly room: SfuRoom,
    readonly instance: string,
    private readonly onDestroyed: (releasePlacement: boolean) => void,
  ) {}

  get destroyed(): boolean {
    return this.destroying !== null;
  }

  createPublisher(participantId: string, displayName: string): Promise<SfuPublisher> {
    return this.room.createPublisher(participantId, displayName);
  }

  createSubscriber(participantId: string): Promise<SfuSubscriber> {
    return this.room.createSubscriber(participantId);
  }

  onTalking(listener: (feedId: number | string, talking: boolean) => void): () => void {
    return this.room.onTalking(listener);
  }

  moderate(feedId: number | string, mid: string, muted: boolean): Promise<void> {
    return this.room.moderate(feedId, mid, muted);
  }

  destroy(): Promise<void> {
    this.destroying ??= this.room.destroy().finally(() => this.onDestroyed(true));
    return this.destroying;
  }

  /** Leaves the room (and its placement) to the other gateways serving it. */
  release(): Promise<void> {
    this.destroying ??= (this.room.release?.() ?? this.room.destroy()).finally(() => this.onDestroyed(this.room.release === undefined));
    return this.destroying;
  }
}
