/**
 * Which SFU instance (by name: its Janus URL) each room lives on. Every
 * gateway serving a room must send its participants to the same Janus, so
 * with several gateways this is shared state (Redis); with one gateway it
 * is {@link InMemoryRoomPlacement}. Asynchronous and keyed by room key so
 * either fits behind it.
 */
export interface RoomPlacement {
  /** The instance `roomKey` is placed on, or null when it is placed nowhere. */
  get(roomKey: string): Promise<string | null>;
  /**
   * Places `roomKey` on `instance` unless it is placed already, and resolves
   * with the instance it is placed on now: an existing placement wins (made
   * by this gateway for a concurrent join, or by another gateway).
   */
  assign(roomKey: string, instance: string): Promise<string>;
  /**
   * Forgets the placement of `roomKey` if it is still on `instance`, so a
   * late release (of a room already moved elsewhere) undoes nothing.
   */
  release(roomKey: string, instance: string): Promise<void>;
}

/** Placements held by this gateway alone. */
export class InMemoryRoomPlacement implements RoomPlacement {
  private readonly placed = new Map<string, string>();

  async get(roomKey: string): Promise<string | null> {
    return this.placed.get(roomKey) ?? null;
  }

  async assign(roomKey: string, instance: string): Promise<string> {
    const existing = this.placed.get(roomKey);
    if (existing !== undefined) return existing;
    this.placed.set(roomKey, instance);
    return instance;
  }

  async release(roomKey: string, instance: string): Promise<void> {
    if (this.placed.get(roomKey) === instance) this.placed.delete(roomKey);
  }

  /** Rooms placed now (for tests). */
  get size(): number {
    return this.placed.size;
  }
}
