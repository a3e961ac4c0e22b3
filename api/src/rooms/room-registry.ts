import type { RoomId } from '@parley/protocol';
import { DomainError } from '../errors';
import type { Room } from './room';
import { roomTransition, type RoomPhase, type RoomSignal } from './room-lifecycle';

/** How long an empty room keeps its SFU room, so a quick rejoin does not rebuild it. */
export const EMPTY_ROOM_GRACE_MS = 5_000;

interface Entry {
  phase: RoomPhase;
  readonly room: Promise<Room>;
  timer: NodeJS.Timeout | undefined;
}

/**
 * The live rooms of this gateway, each driven by the lifecycle table of
 * `room-lifecycle.ts`: created on first use (concurrent first joins share one
 * creation, and at most `maxLive` at once), closed a grace period after it
 * empties, whatever emptied it.
 */
export class RoomRegistry {
  private readonly rooms = new Map<RoomId, Entry>();

  constructor(
    private readonly create: (id: RoomId) => Promise<Room>,
    private readonly onCloseError: (id: RoomId, error: unknown) => void,
    /** After an empty room closed (not at shutdown): forget what was kept of it elsewhere. */
    private readonly onEmptyClosed: (room: Room) => Promise<void> = async () => undefined,
    private readonly maxLive = Number.POSITIVE_INFINITY,
    private readonly graceMs = EMPTY_ROOM_GRACE_MS,
  ) {}

  get size(): number {
    return this.rooms.size;
  }

  /** The live room, created on first use; `room.limit` when that would pass the cap on live rooms. */
  get(id: RoomId): Promise<Room> {
    const existing = this.rooms.get(id);
    if (existing !== undefined) return existing.room;
    if (this.rooms.size >= this.maxLive) {
      return Promise.reject(new DomainError('room.limit', 'This server is hosting as many meetings as it can; try again later'));
    }
    const entry: Entry = { phase: 'opening', room: this.create(id), timer: undefined };
    this.rooms.set(id, entry);
    entry.room.then(
      () => this.signal(id, entry, 'opened'),
      () => this.signal(id, entry, 'failed'),
    );
    return entry.room;
  }

  /** The room if it is live; undefined when it is not (or its creation failed, which its join reported). */
  async existing(id: RoomId): Promise<Room | undefined> {
    const entry = this.rooms.get(id);
    if (entry === undefined) return undefined;
    return entry.room.catch(() => undefined);
  }

  /** Every room created successfully. */
  async live(): Promise<Room[]> {
    const settled = await Promise.allSettled([...this.rooms.values()].map((entry) => entry.room));
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  /** Someone is in `room` (again): an empty room's grace stops. */
  occupied(room: Room): void {
    this.dispatch(room, 'occupied');
  }

  /** `room` may have emptied, by whatever path: when nobody is in it, it closes after the grace. */
  emptied(room: Room): void {
    if (room.size === 0) this.dispatch(room, 'emptied');
  }

  /** Closes every room now; `keepSfuRoom` says which to leave in the SFU (others still serve them). */
  async closeAll(keepSfuRoom: (room: Room) => boolean = () => false): Promise<void> {
    const entries = [...this.rooms.entries()];
    for (const [id, entry] of entries) this.signal(id, entry, 'shutdown', false);
    const rooms = await Promise.allSettled(entries.map(([, entry]) => entry.room));
    const live = rooms.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    await Promise.allSettled(live.map((room) => room.close(keepSfuRoom(room))));
  }

  private dispatch(room: Room, signal: RoomSignal): void {
    const entry = this.rooms.get(room.id);
    if (entry !== undefined) this.signal(room.id, entry, signal);
  }

  /** Applies one edge of the lifecycle table to `entry` and carries out its effects. */
  private signal(id: RoomId, entry: Entry, signal: RoomSignal, closeNow = true): void {
    const { next, effects } = roomTransition(entry.phase, signal);
    entry.phase = next;
    for (const effect of effects) {
      switch (effect) {
        case 'startGrace':
          entry.timer = setTimeout(() => this.graceElapsed(id, entry), this.graceMs);
          entry.timer.unref();
          break;
        case 'cancelGrace':
          clearTimeout(entry.timer);
          entry.timer = undefined;
          break;
        case 'forget':
          if (this.rooms.get(id) === entry) this.rooms.delete(id);
          break;
        case 'close':
          if (closeNow) this.close(id, entry);
          break;
        default:
          assertUnreachable(effect);
      }
    }
  }

  private graceElapsed(id: RoomId, entry: Entry): void {
    entry.timer = undefined;
    // Someone came in by a path that did not say so (a member mirrored from another gateway).
    void entry.room.then((room) => this.signal(id, entry, room.size > 0 ? 'occupied' : 'graceElapsed'));
  }

  private close(id: RoomId, entry: Entry): void {
    entry.room
      .then(async (room) => {
        await room.close();
        await this.onEmptyClosed(room);
      })
      .catch((error: unknown) => this.onCloseError(id, error));
  }
}

function assertUnreachable(value: never): never {
  throw new Error(`Unexpected room effect ${String(value)}`);
}
