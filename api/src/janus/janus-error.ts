import { SfuError } from '../rooms/sfu-error';

/**
 * Janus error codes the gateway reacts to (src/apierror.h and
 * janus_videoroom.c, Janus 1.1): core API errors are 403/405 and 450-490,
 * VideoRoom's are 421-437 and 499.
 */
export const JanusErrorCode = {
  /** Core: the SDP could not be parsed (before the plugin even sees it). */
  JsepInvalidSdp: 465,
  /** Core: the session does not exist (any more), e.g. reaped after a timeout. */
  SessionNotFound: 458,
  /** Core: the handle does not exist (any more). */
  HandleNotFound: 459,
  /** VideoRoom: the request needs a joined handle. */
  JoinFirst: 424,
  /** VideoRoom: the handle already joined. */
  AlreadyJoined: 425,
  NoSuchRoom: 426,
  RoomExists: 427,
  NoSuchFeed: 428,
  MissingElement: 429,
  InvalidElement: 430,
  InvalidSdpType: 431,
  PublishersFull: 432,
  /** Wrong secret / admin_key, or a missing or unknown private_id. */
  Unauthorized: 433,
  AlreadyPublished: 434,
  NotPublished: 435,
  IdExists: 436,
  InvalidSdp: 437,
} as const;

/**
 * A failure of a Janus request, with Janus's numeric code when Janus gave
 * one. The rooms domain sees it as the port's {@link SfuError}; the code
 * survives as `sfuCode` (a `media.failed` refusal rather than Janus being
 * unreachable).
 */
export class JanusError extends SfuError {
  /**
   * Wraps what janode rejected with. janode rejects Janus errors as
   * `Error("<code> <reason>")` (VideoRoom ones also carry `_code`), and
   * transport/lifecycle failures ("connection closed", "handle detached",
   * "unexpected response to X request") as plain Errors without a code.
   *
   * @param action what the gateway was doing, e.g. `publish` (prefixes the message)
   */
  static from(error: unknown, action: string): JanusError {
    if (error instanceof JanusError) return error;
    const text = error instanceof Error ? error.message : String(error);
    const match = /^(\d{3}) ([\s\S]*)$/.exec(text);
    const code = match?.[1] !== undefined ? Number(match[1]) : codeProperty(error);
    const reason = match?.[2] ?? text;
    return new JanusError(`Janus ${action} failed: ${code === undefined ? '' : `${code} `}${reason}`, code);
  }

  /** True when this is Janus refusing with `code` (see {@link JanusErrorCode}). */
  is(code: number): boolean {
    return this.sfuCode === code;
  }
}

function codeProperty(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null || !('_code' in error)) return undefined;
  const code = (error as { _code: unknown })._code;
  return typeof code === 'number' ? code : undefined;
}
