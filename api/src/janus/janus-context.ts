import Janode, { type Session } from 'janode';
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';
import type { Sdp } from '@parley/protocol';
import { candidateAllowed, withAllowedCandidates } from './ice-candidates';
import { JanusError } from './janus-error';

/** Where the adapter logs. Nest's `Logger` fits; so does `console`. */
export interface JanusLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/**
 * What every room, publisher and subscriber of one Janus session shares:
 * the logger, and the two ways to talk to Janus, each with a deadline and
 * janode's errors turned into {@link JanusError}.
 */
export interface JanusContext {
  readonly logger: JanusLogger;
  /** How long a subscription waits for a just-published feed to come up (see JanusPublisher.whenLive). */
  readonly feedLiveTimeoutMs: number;
  /**
   * Runs one Janus request. janode has no request timeout of its own (its
   * transactions wait forever if Janus never answers), so every request gets
   * `requestTimeoutMs` here and fails as a JanusError without a code.
   */
  call<T>(action: string, run: () => Promise<T>): Promise<T>;
  /** Attaches a new VideoRoom handle to the gateway's session. */
  attach(label: string): Promise<VideoRoomHandle>;
  /**
   * Handles attached through `attach()` that Janus has not detached yet
   * (janode signals a detach only once Janus confirmed it, or the session
   * died). For metrics and tests.
   */
  readonly openHandles: () => number;
  /**
   * Whether a browser's trickled candidate may reach Janus: never loopback,
   * link-local or the like; private addresses only when allowed
   * (ALLOW_PRIVATE_CANDIDATES; see ice-candidates.ts).
   */
  candidateAllowed(candidate: string): boolean;
  /** A browser's SDP without the candidates `candidateAllowed` refuses. */
  allowedSdp(sdp: Sdp): Sdp;
}

/** A Janus request slower than this is logged: Janus (or the machine) is overloaded. */
export const SLOW_REQUEST_MS = 2_000;

export function createJanusContext(
  session: Session,
  logger: JanusLogger,
  timeouts: { readonly requestMs: number; readonly feedLiveMs: number },
  allowPrivateCandidates: boolean,
): JanusContext {
  const call = async <T>(action: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await withDeadline(action, timeouts.requestMs, run);
    } finally {
      const ms = performance.now() - started;
      if (ms >= SLOW_REQUEST_MS) logger.warn(`Janus ${action} took ${Math.round(ms)} ms`);
    }
  };
  let open = 0;
  return {
    logger,
    feedLiveTimeoutMs: timeouts.feedLiveMs,
    call,
    attach: async (label) => {
      const handle = await call(`attach ${label}`, () => session.attach(VideoRoomPlugin));
      open += 1;
      handle.once(Janode.EVENT.HANDLE_DETACHED, () => {
        open -= 1;
      });
      return handle;
    },
    openHandles: () => open,
    candidateAllowed: (candidate) => candidateAllowed(candidate, allowPrivateCandidates),
    allowedSdp: (sdp) => ({ type: sdp.type, sdp: withAllowedCandidates(sdp.sdp, allowPrivateCandidates) }),
  };
}

/** Runs `run`, failing with a JanusError after `timeoutMs` or on any error. */
export async function withDeadline<T>(action: string, timeoutMs: number, run: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new JanusError(`Janus ${action} failed: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    // race() also handles a late rejection of run() after the deadline won.
    return await Promise.race([run(), deadline]);
  } catch (error) {
    throw JanusError.from(error, action);
  } finally {
    clearTimeout(timer);
  }
}
