// What a client gets back when it joins a room (`room.join`'s reply) and the
// parts of it that pushes repeat later (the meeting, who is talking, the
// room's settings, subscriber offers).
import type { ChatPage } from './chat';
import type { ParticipantId, RoomId } from './ids';
import type { IceServer, RemoteStream, Sdp } from './media';
import type { ParticipantInfo } from './participants';

/** An offer for a client's subscriber connection: the first comes in {@link JoinResult.offer}, the others as `media.offer`. */
export interface SubscriberOffer {
  readonly seq: number;
  readonly offer: Sdp;
  /** Whose source each m-line carries. */
  readonly streams: readonly RemoteStream[];
}

/** What `room.join` returns. */
export interface JoinResult {
  readonly room: RoomId;
  /** This participant, as the others see it. */
  readonly self: ParticipantInfo;
  /** Everyone else in the room, oldest first. */
  readonly participants: readonly ParticipantInfo[];
  /** Session token: present it as `resumeToken` to resume this identity. */
  readonly token: string;
  /** ICE servers for both peer connections. */
  readonly iceServers: readonly IceServer[];
  /** The meeting going on in the room: the chat and settings are its own. */
  readonly meeting: MeetingInfo;
  /** The latest page of the meeting's chat (never an earlier meeting's). */
  readonly chat: ChatPage;
  /** How the room admits people. */
  readonly settings: RoomSettings;
  /** Who talks now and who the speaker layout features, as `speaker.changed` would say it. */
  readonly speakers: SpeakerState;
  /**
   * The first offer for the subscriber connection, carrying what the room
   * publishes already (absent when nothing is published): answered like a
   * `media.offer`, without waiting for a push after the reply.
   */
  readonly offer?: SubscriberOffer;
}

/**
 * One continuous occupancy of a room: it starts when someone joins the empty
 * room and ends once the room has been empty past its grace. A later meeting
 * in the same room starts with no chat and default settings.
 */
export interface MeetingInfo {
  readonly id: string;
  /** Milliseconds since the epoch, server clock. */
  readonly startedAt: number;
}

/** Who is talking in a room (the payload of `speaker.changed`). */
export interface SpeakerState {
  /**
   * Who the speaker layout shows large: the latest to start talking, kept
   * after they stop until someone else talks (`null` until anyone has).
   */
  readonly activeSpeaker: ParticipantId | null;
  /** Everyone talking now. */
  readonly speaking: readonly ParticipantId[];
}

/** How a room admits people; only hosts change it. Never carries the password itself. */
export interface RoomSettings {
  readonly locked: boolean;
  readonly hasPassword: boolean;
  readonly lobby: boolean;
}
