import './zod'; // First: configures zod before any schema is built (and see there why z comes from 'zod').
import * as z from 'zod';
import type { Ack } from './errors';
import { CHAT_MAX_LENGTH, CHAT_PAGE_SIZE, chatClientIdSchema, type ChatMessage, type ChatPage } from './chat';
import { displayNameSchema, type LeaveReason, type ParticipantInfo, type SessionEndReason } from './participants';
import { participantIdSchema, roomIdSchema, type ParticipantId } from './ids';
import {
  iceCandidateSchema,
  peerConnectionSchema,
  publishedTrackSchema,
  ridOrderSchema,
  sdpSchema,
  type IceServer,
  type Sdp,
} from './media';
import type { JoinResult, RoomSettings, SpeakerState, SubscriberOffer } from './join-result';
import { reactionSchema, type ReactionEvent } from './reactions';

/**
 * The protocol version a client announces in the Socket.IO handshake
 * (`auth: { v: PROTOCOL_VERSION }`). The gateway refuses other versions with
 * a `protocol.version` connect error.
 */
export const PROTOCOL_VERSION = 1;

/**
 * The shortest room password a host may set: shorter ones fall to guessing
 * even with the gateway's backoff, so `host.settings` refuses them with
 * `auth.weak_password` (the client checks first to say so sooner).
 */
export const PASSWORD_MIN_LENGTH = 6;

/** The Socket.IO handshake `auth` object. */
export interface HandshakeAuth {
  readonly v: number;
}

// ---------------------------------------------------------------------------
// Client → server requests. Every one is acknowledged with an `Ack`.
// ---------------------------------------------------------------------------

/**
 * The payload schema of every client→server request, by event name.
 * The gateway validates each payload against its schema before anything runs.
 */
export const requestSchemas = {
  /**
   * `room.join` — enter a room (creating it on first join).
   * `resumeToken` is the `token` of an earlier join, to keep the same identity.
   * Replies with {@link JoinResult}.
   */
  'room.join': z.strictObject({
    room: roomIdSchema,
    name: displayNameSchema,
    password: z.string().max(256).optional(),
    resumeToken: z.string().max(4096).optional(),
    /** From `lobby.decision`: the host let this client in. */
    admitToken: z.string().max(4096).optional(),
  }),
  /** `room.leave` — leave the room; the socket may join again afterwards. Replies `{}`. */
  'room.leave': z.strictObject({}),
  /**
   * `media.publish` — send the publisher connection's offer, with what each
   * m-line carries. Replies with Janus's answer. Sent again to renegotiate
   * (for example to add a screen).
   */
  'media.publish': z.strictObject({
    offer: sdpSchema.refine((s) => s.type === 'offer', 'offer.type must be "offer"'),
    tracks: z.array(publishedTrackSchema).min(1, 'tracks is empty').max(8),
    /** How the offer orders its simulcast rids; absent means `hml` (the first rid is the full-size layer). */
    ridOrder: ridOrderSchema.optional(),
  }),
  /** `media.unpublish` — stop publishing everything. Replies `{}`. */
  'media.unpublish': z.strictObject({}),
  /**
   * `media.answer` — answer the subscriber offer last pushed in `media.offer`
   * (`seq` must match it; a stale answer is refused). Replies `{}`.
   */
  'media.answer': z.strictObject({
    seq: z.number().int().min(1),
    answer: sdpSchema.refine((s) => s.type === 'answer', 'answer.type must be "answer"'),
  }),
  /** `media.trickle` — one local ICE candidate of either connection, or `null` at the end. Replies `{}`. */
  'media.trickle': z.strictObject({
    pc: peerConnectionSchema,
    candidate: iceCandidateSchema,
  }),
  /**
   * `participant.update` — change one's own state: microphone or camera
   * muted, hand raised or lowered. Everyone else gets `participant.updated`.
   * Replies with the updated {@link ParticipantInfo}.
   */
  'participant.update': z.strictObject({
    audioMuted: z.boolean().optional(),
    videoMuted: z.boolean().optional(),
    handRaised: z.boolean().optional(),
  }),
  /**
   * `media.view` — how this client shows each remote video, by subscriber
   * mid: whether it is visible at all and its size in CSS pixels times
   * devicePixelRatio. The gateway picks the simulcast layer per stream from
   * it and pauses streams nobody sees. Send the full set whenever the layout
   * changes (debounced); mids left out keep their last view. Replies `{}`.
   */
  'media.view': z.strictObject({
    views: z
      .array(
        z.strictObject({
          mid: z.string().min(1).max(32),
          visible: z.boolean(),
          width: z.number().int().min(0).max(16384),
          height: z.number().int().min(0).max(16384),
        }),
      )
      .max(256),
  }),
  /**
   * `chat.send` — post a message. Idempotent on `clientId`: sending the same
   * clientId again (a retry after reconnecting) returns the message already
   * stored and delivers nothing twice. Replies with the stored {@link ChatMessage}.
   * Text over {@link CHAT_MAX_LENGTH} characters fails with `chat.too_long`;
   * too many messages too fast fail with `rate_limited`.
   */
  'chat.send': z.strictObject({
    clientId: chatClientIdSchema,
    // The length limit is checked after normalisation; this bound only stops abuse.
    text: z.string().max(CHAT_MAX_LENGTH * 4, `text is longer than ${CHAT_MAX_LENGTH} characters`),
  }),
  /**
   * `reaction.send` — show a reaction (one of `REACTIONS`) over one's tile to
   * everyone in the room, who get `reaction`; not stored. Too many too fast
   * fail with `rate_limited` (`REACTION_BURST`, `REACTION_RATE_PER_SECOND`).
   * Replies `{}`.
   */
  'reaction.send': z.strictObject({ emoji: reactionSchema }),
  /**
   * `chat.history` — a page of messages older than `before` (a message id),
   * newest page when omitted. Replies with a {@link ChatPage}.
   */
  'chat.history': z.strictObject({
    before: z.number().int().min(1).optional(),
    limit: z.number().int().min(1).max(CHAT_PAGE_SIZE).optional(),
  }),
  /**
   * `host.settings` — (host only) lock the room, set or clear its password
   * (`null` clears), turn the lobby on or off. Everyone gets `room.updated`.
   * Replies with the new {@link RoomSettings}.
   */
  'host.settings': z.strictObject({
    locked: z.boolean().optional(),
    password: z.string().min(1, 'password is empty').max(256).nullable().optional(),
    lobby: z.boolean().optional(),
  }),
  /**
   * `host.mute` — (host only) mute someone's microphone, enforced in the SFU.
   * They are told (`session.muted`) and may unmute themselves. Replies `{}`.
   */
  'host.mute': z.strictObject({ participantId: participantIdSchema }),
  /**
   * `host.remove` — (host only) remove someone from the meeting; their
   * session token is revoked, so it cannot bring them back. Replies `{}`.
   */
  'host.remove': z.strictObject({ participantId: participantIdSchema }),
  /** `host.promote` — (host only) make someone a host too. Replies `{}`. */
  'host.promote': z.strictObject({ participantId: participantIdSchema }),
  /** `host.admit` — (host only) let a lobby knocker in, or not. Replies `{}`. */
  'host.admit': z.strictObject({ requestId: z.string().min(1).max(64), admit: z.boolean() }),
} as const;

export type RequestName = keyof typeof requestSchemas;

/** A request's payload as the client sends it. */
export type RequestPayload<E extends RequestName> = z.input<(typeof requestSchemas)[E]>;

/** A request's payload after validation, as the gateway sees it. */
export type ValidRequest<E extends RequestName> = z.output<(typeof requestSchemas)[E]>;

/** The data each request's successful ack carries. */
export interface Responses {
  'room.join': JoinResult;
  'room.leave': Record<string, never>;
  'media.publish': { readonly answer: Sdp };
  'media.unpublish': Record<string, never>;
  'media.answer': Record<string, never>;
  'media.trickle': Record<string, never>;
  'participant.update': ParticipantInfo;
  'media.view': Record<string, never>;
  'chat.send': ChatMessage;
  'reaction.send': Record<string, never>;
  'chat.history': ChatPage;
  'host.settings': RoomSettings;
  'host.mute': Record<string, never>;
  'host.remove': Record<string, never>;
  'host.promote': Record<string, never>;
  'host.admit': Record<string, never>;
}

/** Socket.IO typing of client→server events: payload plus ack callback. */
export type ClientToServerEvents = {
  [E in RequestName]: (payload: RequestPayload<E>, ack: (reply: Ack<Responses[E]>) => void) => void;
};

// ---------------------------------------------------------------------------
// Server → client pushes.
// ---------------------------------------------------------------------------

/** Socket.IO typing of server→client pushes. */
export interface ServerToClientEvents {
  /** Someone entered the room. */
  'participant.joined': (participant: ParticipantInfo) => void;
  /** Someone's state changed (mute, role). */
  'participant.updated': (participant: ParticipantInfo) => void;
  /** Someone left; their m-lines are dropped by the next `media.offer`. */
  'participant.left': (event: { readonly participantId: ParticipantId; readonly reason: LeaveReason }) => void;
  /**
   * A new offer for this client's subscriber connection. Answer it with
   * `media.answer` carrying the same `seq`. Offers come one at a time: the
   * next is pushed only after this one is answered.
   */
  'media.offer': (event: SubscriberOffer) => void;
  /**
   * Who is talking changed (from Janus's audio-level events, never guessed
   * client-side); the state at join time comes in `JoinResult.speakers`.
   */
  'speaker.changed': (event: SpeakerState) => void;
  /** Someone else in the room reacted (`reaction.send`); the sender shows its own when acked. */
  reaction: (event: ReactionEvent) => void;
  /** A chat line for the room: someone else's message, or a system line. The sender gets its own in the ack. */
  'chat.message': (message: ChatMessage) => void;
  /**
   * The SFU restarted and this client's media is gone on its side: close
   * both peer connections and publish again; a fresh subscriber offer
   * (seq starting at 1) follows. Nothing else about the session changed.
   */
  'media.restart': (event: Record<string, never>) => void;
  /** The room's settings changed (lock, password, lobby). */
  'room.updated': (settings: RoomSettings) => void;
  /** (hosts) Someone is waiting in the lobby. */
  'lobby.knocking': (event: { readonly requestId: string; readonly name: string }) => void;
  /** (hosts) A lobby request ended: admitted, denied, or the knocker left. */
  'lobby.resolved': (event: { readonly requestId: string }) => void;
  /** (a knocker) The host decided. When admitted, join again with `admitToken`. */
  'lobby.decision': (event: { readonly admitted: boolean; readonly admitToken?: string }) => void;
  /** A host muted this client's microphone (in the SFU); it may unmute itself. */
  'session.muted': (event: { readonly by: string }) => void;
  /** A fresh session token, sent before the current one expires; use it to resume. */
  'session.token': (event: { readonly token: string }) => void;
  /**
   * Fresh ICE servers (new TURN credentials), sent every third of their
   * lifetime while the call lasts: use them for every peer connection made
   * or ICE restart done from now on. Only sent when TURN is configured.
   */
  'session.ice_servers': (event: { readonly iceServers: readonly IceServer[] }) => void;
  /** The gateway ended this session; the client should not reconnect it. */
  'session.ended': (event: { readonly reason: SessionEndReason }) => void;
}

/** Names of server→client pushes. */
export type PushName = keyof ServerToClientEvents;
