import { randomUUID } from 'node:crypto';
import type { RoomId } from '@parley/protocol';
import { DomainError } from '../errors';

/** Knocks one room holds at once: past it, `lobby.full` instead of an ever longer list on the hosts' screens. */
export const KNOCKS_PER_ROOM = 20;

/** Someone waiting in a room's lobby for a host's decision. */
export interface Knock {
  readonly requestId: string;
  readonly room: RoomId;
  /** The name the knocker gave: the admit token carries it, so it is the name admitted. */
  readonly name: string;
  /** Tells the waiting client the decision (and the admit token when admitted). */
  readonly deliver: (decision: { admitted: boolean; admitToken?: string }) => void;
}

/**
 * Lobby requests across rooms. A request ends once: decided by a host,
 * withdrawn (the knocker disconnected or knocked again), or lapsed after
 * `ttlMs` (`LOBBY_KNOCK_SECONDS`). Kept in memory: a gateway restart drops pending
 * knocks and the clients knock again on reconnect.
 */
export class Lobby {
  private readonly knocks = new Map<string, { readonly knock: Knock; readonly timer: NodeJS.Timeout }>();

  constructor(
    /** A knock lapsed unanswered (already removed): tell the hosts and the knocker. */
    private readonly lapsed: (knock: Knock) => void,
    /** How long a knock waits for a host before it lapses. */
    private readonly ttlMs: number,
    private readonly perRoom = KNOCKS_PER_ROOM,
  ) {}

  /** Adds a knock; `lobby.full` when the room already holds its share. */
  add(room: RoomId, name: string, deliver: Knock['deliver']): Knock {
    if (this.pending(room).length >= this.perRoom) {
      throw new DomainError('lobby.full', 'Too many people are waiting to be let in; try again in a moment');
    }
    const knock = { requestId: randomUUID(), room, name, deliver };
    const timer = setTimeout(() => {
      if (this.take(room, knock.requestId) !== undefined) this.lapsed(knock);
    }, this.ttlMs);
    timer.unref();
    this.knocks.set(knock.requestId, { knock, timer });
    return knock;
  }

  /** Removes and returns a pending request of `room`, if it is still pending. */
  take(room: RoomId, requestId: string): Knock | undefined {
    const entry = this.knocks.get(requestId);
    if (entry === undefined || entry.knock.room !== room) return undefined;
    clearTimeout(entry.timer);
    this.knocks.delete(requestId);
    return entry.knock;
  }

  /** Pending requests of a room, oldest first. */
  pending(room: RoomId): Knock[] {
    return [...this.knocks.values()].map((entry) => entry.knock).filter((knock) => knock.room === room);
  }

  /** Drops every knock and its timer (shutdown). */
  clear(): void {
    for (const { timer } of this.knocks.values()) clearTimeout(timer);
    this.knocks.clear();
  }
}
