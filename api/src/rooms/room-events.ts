import type { ParticipantId, RoomId } from '@parley/protocol';

/** What happened in a room, for domains that react to it (chat system lines, metrics). */
export type RoomEvent =
  | { readonly type: 'joined'; readonly room: RoomId; readonly participantId: ParticipantId; readonly name: string }
  | { readonly type: 'left'; readonly room: RoomId; readonly participantId: ParticipantId; readonly name: string };
