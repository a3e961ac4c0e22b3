import type { ParticipantId, PushName, ServerToClientEvents } from '@parley/protocol';

/**
 * How the rooms domain reaches clients without knowing about sockets.
 * The realtime layer implements it.
 */
export interface Pusher {
  push<E extends PushName>(to: ParticipantId, event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
  /** Ends a participant's connection (after telling it why with `session.ended`). */
  disconnect(participantId: ParticipantId): void;
}

/** Injection token for the {@link Pusher}. */
export const PUSHER = Symbol('PUSHER');
