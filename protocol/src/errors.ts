/**
 * Stable error codes carried in every failed acknowledgement.
 *
 * Clients switch on `code`; `message` is human text and may change. Adding a
 * code is a protocol change: document it here with when it is sent.
 */
export const ERROR_CODES = [
  /** The payload did not match the event's schema; `message` names the field. */
  'validation.failed',
  /** The client speaks another protocol version than the gateway. */
  'protocol.version',
  /** The event name is not part of the protocol. */
  'protocol.unknown_event',
  /** The room is at its participant cap. */
  'room.full',
  /** The room does not accept new participants (locked by its host). */
  'room.locked',
  /** A new room would exceed this gateway's cap on live rooms (`ROOM_MAX_LIVE`); joining a live room still works. */
  'room.limit',
  /** `room.join` while an earlier `room.join` on the same socket is still being answered. */
  'room.busy',
  /** The room needs a password and none was given. */
  'auth.password_required',
  /** The password given is wrong. */
  'auth.bad_password',
  /**
   * Too many wrong passwords for this room from this client address: further
   * attempts are refused until the backoff named in `message` has passed.
   */
  'auth.too_many_attempts',
  /** A host tried to set a password shorter than `PASSWORD_MIN_LENGTH`. */
  'auth.weak_password',
  /**
   * Not a failure to show as one: the room has a lobby and the host must let
   * this client in. Wait for `lobby.decision`, then join again with its admitToken.
   */
  'lobby.waiting',
  /** The host did not let this client in. */
  'lobby.denied',
  /** The room's lobby already holds as many waiting knocks as it accepts; try again later. */
  'lobby.full',
  /** The session token is malformed, expired, revoked or for another room. */
  'auth.invalid_token',
  /**
   * A session or admit token of a meeting that has ended (the room emptied
   * past its grace, and may hold a new meeting now): join again as someone new.
   */
  'auth.meeting_ended',
  /** The participant may not do this (for example a host action by a guest). */
  'auth.forbidden',
  /** The event needs a joined session and this socket has none. */
  'session.not_joined',
  /** `room.join` on a socket that is already in a room. */
  'session.already_joined',
  /** Janus could not be reached or refused the request. */
  'janus.unavailable',
  /** A media negotiation step failed (bad SDP, nothing to answer, ...). */
  'media.failed',
  /** Starting a screen share would exceed the room's limit of simultaneous shares. */
  'media.share_limit',
  /** A chat message is longer than the limit after normalisation. */
  'chat.too_long',
  /** A chat message is empty after normalisation. */
  'chat.empty',
  /** Too many requests; retry later. */
  'rate_limited',
  /** An unexpected server fault; it is logged with the request. */
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error half of an acknowledgement. */
export interface AckError {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * Every client→server request is answered with exactly one `Ack`.
 * Success carries the event's result; failure carries a coded error.
 */
export type Ack<T> = { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: AckError };

export function ok<T>(data: T): Ack<T> {
  return { ok: true, data };
}

export function fail<T = never>(code: ErrorCode, message: string): Ack<T> {
  return { ok: false, error: { code, message } };
}
