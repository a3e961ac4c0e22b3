import type { ParticipantId, PushName, RoomId, ServerToClientEvents } from '@parley/protocol';

/** Who a room-wide push reaches: everyone in room `id` now, on every gateway. */
export interface RoomAudience {
  readonly id: RoomId;
  readonly participants: readonly { readonly id: ParticipantId }[];
}

/**
 * How the rooms domain reaches clients without knowing about sockets.
 * The realtime layer implements it.
 */
export interface Pusher {
  /** A push for one participant only (an offer, a token, a host prompt). */
  push<E extends PushName>(to: ParticipantId, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /**
   * A push for everyone in the room but `except` (null: everyone), encoded
   * once and, with several gateways, sent across once, whatever the room's size.
   */
  pushToRoom<E extends PushName>(room: RoomAudience, except: ParticipantId | null, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Ends a participant's connection (after telling it why with `session.ended`). */
  disconnect(participantId: ParticipantId): void;
}

/** Injection token for the {@link Pusher}. */
export const PUSHER = Symbol('PUSHER');
