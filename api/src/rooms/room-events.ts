import type { ParticipantId, RoomId } from '@parley/protocol';

/** What happened in a room, for domains that react to it (chat system lines, metrics). */
export type RoomEvent =
  | { readonly type: 'joined'; readonly room: RoomId; readonly meeting: string; readonly participantId: ParticipantId; readonly name: string }
  | { readonly type: 'left'; readonly room: RoomId; readonly meeting: string; readonly participantId: ParticipantId; readonly name: string }
  /**
   * Someone held by another gateway that stopped without a word (several
   * gateways): their own gateway could not record the leave, so one
   * surviving gateway does (for the chat's system line; not this gateway's
   * participant, so not counted in its metrics).
   */
  | { readonly type: 'dropped'; readonly room: RoomId; readonly meeting: string; readonly participantId: ParticipantId; readonly name: string };
