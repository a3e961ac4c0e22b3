import { randomUUID } from 'node:crypto';
import type { RoomId } from '@parley/protocol';

/** Someone waiting in a room's lobby for a host's decision. */
export interface Knock {
  readonly requestId: string;
  readonly room: RoomId;
  readonly name: string;
  /** Tells the waiting client the decision (and the admit token when admitted). */
  readonly deliver: (decision: { admitted: boolean; admitToken?: string }) => void;
}

/**
 * Lobby requests across rooms. A request ends once: decided by a host, or
 * withdrawn when the knocker disconnects. Kept in memory: a gateway restart
 * drops pending knocks and the clients knock again on reconnect.
 */
export class Lobby {
  private readonly knocks = new Map<string, Knock>();

  add(room: RoomId, name: string, deliver: Knock['deliver']): Knock {
    const knock = { requestId: randomUUID(), room, name, deliver };
    this.knocks.set(knock.requestId, knock);
    return knock;
  }

  /** Removes and returns a pending request of `room`, if it is still pending. */
  take(room: RoomId, requestId: string): Knock | undefined {
    const knock = this.knocks.get(requestId);
    if (knock === undefined || knock.room !== room) return undefined;
    this.knocks.delete(requestId);
    return knock;
  }

  /** Pending requests of a room, oldest first. */
  pending(room: RoomId): Knock[] {
    return [...this.knocks.values()].filter((knock) => knock.room === room);
  }
}
