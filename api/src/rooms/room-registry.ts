import type { RoomId } from '@parley/protocol';
import type { Room } from './room';

/** How long an empty room keeps its SFU room, so a quick rejoin does not rebuild it. */
export const EMPTY_ROOM_GRACE_MS = 5_000;

/**
 * The live rooms of this gateway. A room is created on first use (concurrent
 * first joins share one creation) and closed a grace period after it empties.
 */
export class RoomRegistry {
  private readonly rooms = new Map<RoomId, Promise<Room>>();
  private readonly emptyTimers = new Map<RoomId, NodeJS.Timeout>();

  constructor(
    private readonly create: (id: RoomId) => Promise<Room>,
    private readonly onCloseError: (id: RoomId, error: unknown) => void,
    /** After an empty room closed (not at shutdown): forget what was kept of it elsewhere. */
    private readonly onEmptyClosed: (room: Room) => Promise<void> = async () => undefined,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  /** The live room, created on first use. */
  get(id: RoomId): Promise<Room> {
    const existing = this.rooms.get(id);
    if (existing !== undefined) return existing;
    const created = this.create(id);
    this.rooms.set(id, created);
    created.catch(() => {
      if (this.rooms.get(id) === created) this.rooms.delete(id);
    });
    return created;
  }

  /** The room if it is live; undefined when it is not (or its creation failed, which its join reported). */
  async existing(id: RoomId): Promise<Room | undefined> {
    const pending = this.rooms.get(id);
    if (pending === undefined) return undefined;
    return pending.catch(() => undefined);
  }

  /** Every room created successfully. */
  async live(): Promise<Room[]> {
    const settled = await Promise.allSettled(this.rooms.values());
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /** Closes `room` after the grace period unless someone joins meanwhile. */
  scheduleClose(room: Room): void {
    this.cancelClose(room.id);
    const timer = setTimeout(() => {
      this.emptyTimers.delete(room.id);
      if (room.size > 0) return;
      this.rooms.delete(room.id);
      room
        .close()
        .then(() => this.onEmptyClosed(room))
        .catch((error: unknown) => this.onCloseError(room.id, error));
    }, EMPTY_ROOM_GRACE_MS);
    timer.unref();
    this.emptyTimers.set(room.id, timer);
  }

  cancelClose(id: RoomId): void {
    const timer = this.emptyTimers.get(id);
    if (timer === undefined) return;
    clearTimeout(timer);
    this.emptyTimers.delete(id);
  }

  /** Closes every room now; `keepSfuRoom` says which to leave in the SFU (others still serve them). */
  async closeAll(keepSfuRoom: (room: Room) => boolean = () => false): Promise<void> {
    for (const timer of this.emptyTimers.values()) clearTimeout(timer);
    this.emptyTimers.clear();
    const rooms = await this.live();
    this.rooms.clear();
    await Promise.allSettled(rooms.map((room) => room.close(keepSfuRoom(room))));
  }
}
