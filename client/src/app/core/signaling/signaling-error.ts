import type { AckError, ErrorCode } from '@parley/protocol';

/** Failures that happen on the client's side of a request, never sent by the gateway. */
export type ClientErrorCode = 'timeout' | 'disconnected';

/** Every code a failed request can carry. */
export type SignalingErrorCode = ErrorCode | ClientErrorCode;

/**
 * A request that did not succeed: either the gateway's `{ ok: false }` ack,
 * or no ack at all. `code` is stable for code to switch on; `message` is
 * whatever detail there was (the gateway's, or the transport's).
 */
export class SignalingError extends Error {
  override readonly name = 'SignalingError';

  constructor(
    readonly code: SignalingErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  static fromAck(error: AckError): SignalingError {
    return new SignalingError(error.code, error.message);
  }
}

/**
 * Words for people. A `Record` over the whole union, so a code added to the
 * protocol fails to compile here until it is explained.
 */
const DESCRIPTIONS: Record<SignalingErrorCode, string> = {
  'validation.failed': 'The server did not accept what was sent.',
  'protocol.version': 'This page is out of date. Reload it to get the current version.',
  'protocol.unknown_event': 'This page and the server do not understand each other. Reload the page.',
  'room.full': 'This meeting is full.',
  'room.locked': 'This room is locked: the host is not letting anyone new in. Ask them to unlock it.',
  'room.limit': 'The server is hosting as many meetings as it can. Try again later.',
  'room.busy': 'Still joining: wait for the first attempt to finish.',
  'auth.password_required': 'This meeting needs a password.',
  'auth.bad_password': 'That password is wrong.',
  'auth.too_many_attempts': 'Too many wrong passwords. Wait a while before trying again.',
  'auth.weak_password': 'That password is too short.',
  'lobby.waiting': 'Waiting for the host to let you in.',
  'lobby.denied': 'The host did not let you in.',
  'lobby.full': 'Too many people are waiting to be let in. Try again in a moment.',
  'auth.invalid_token': 'Your session has expired. Join again.',
  'auth.meeting_ended': 'That meeting has ended. Join again to start or join the next one.',
  'auth.forbidden': 'You are not allowed to do that.',
  'session.not_joined': 'You are no longer in this meeting.',
  'session.already_joined': 'You are already in this meeting in this tab.',
  'janus.unavailable': 'The media server is unavailable right now. Try again in a moment.',
  'media.failed': 'Setting up audio and video failed.',
  'media.share_limit': 'Too many screens are being shared in this meeting. Ask someone to stop sharing first.',
  'chat.too_long': 'That message is too long.',
  'chat.empty': 'That message is empty.',
  rate_limited: 'Too many attempts. Wait a moment and try again.',
  internal: 'Something went wrong on the server.',
  timeout: 'The server did not answer in time.',
  disconnected: 'The connection to the server failed. Check your network and try again.',
};

/** A sentence explaining `error` to the person in front of the screen. */
export function describeError(error: unknown): string {
  if (error instanceof SignalingError) return DESCRIPTIONS[error.code];
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
