import type { ParticipantId, RoomId } from '@parley/protocol';

/** Where a joined connection stands: the key to every later request. */
export interface SessionRef {
  readonly room: RoomId;
  readonly participantId: ParticipantId;
}
