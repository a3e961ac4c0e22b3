import './zod'; // First: configures zod before any schema is built (and see there why z comes from 'zod').
import * as z from 'zod';
import { isJanusSafe, JANUS_UNSAFE_MESSAGE } from './janus-text';

/** An SDP offer or answer as RTCSessionDescriptionInit carries it. */
export const sdpSchema = z.object({
  type: z.enum(['offer', 'answer']),
  sdp: z.string().min(1, 'sdp is empty').max(200_000, 'sdp is too large').refine(isJanusSafe, `sdp ${JANUS_UNSAFE_MESSAGE}`),
});
export type Sdp = z.infer<typeof sdpSchema>;

/** What a published stream carries. */
export const MEDIA_SOURCES = ['microphone', 'camera', 'screen', 'screen-audio'] as const;
export const mediaSourceSchema = z.enum(MEDIA_SOURCES);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

/** Which of a participant's two peer connections a message is about. */
export const peerConnectionSchema = z.enum(['publisher', 'subscriber']);
export type PeerConnectionKind = z.infer<typeof peerConnectionSchema>;

/** One m-line of the publisher's offer and what it carries. */
export const publishedTrackSchema = z.strictObject({
  mid: z.string().min(1).max(32).refine(isJanusSafe, `mid ${JANUS_UNSAFE_MESSAGE}`),
  source: mediaSourceSchema,
  /**
   * The video track's sent size at full resolution (track settings), so the
   * gateway knows each simulcast layer's size when it picks layers.
   */
  width: z.number().int().min(1).max(8192).optional(),
  height: z.number().int().min(1).max(8192).optional(),
});
export type PublishedTrack = z.infer<typeof publishedTrackSchema>;

/**
 * Which way round an offer lists a simulcast video's layers (its `a=rid`
 * lines): `hml` when the first is the full-size encoding, `lmh` when it is
 * the smallest. Janus takes the first rid for the top layer unless the jsep
 * says `rid_order: "lmh"`, and browsers have not always written them in the
 * order of `sendEncodings`, so the client reads the order from its own offer.
 */
export const ridOrderSchema = z.enum(['hml', 'lmh']);
export type RidOrder = z.infer<typeof ridOrderSchema>;

/** An ICE candidate as RTCIceCandidateInit carries it; `null` means end of candidates. */
export const iceCandidateSchema = z
  .object({
    candidate: z.string().max(2048).refine(isJanusSafe, `candidate ${JANUS_UNSAFE_MESSAGE}`),
    sdpMid: z.string().max(32).refine(isJanusSafe, `sdpMid ${JANUS_UNSAFE_MESSAGE}`).nullish(),
    sdpMLineIndex: z.number().int().min(0).max(1024).nullish(),
  })
  .nullable();
export type IceCandidate = z.infer<typeof iceCandidateSchema>;

/**
 * One m-line of a participant's subscriber connection: which remote
 * participant's which source arrives on `mid`.
 */
export interface RemoteStream {
  readonly mid: string;
  readonly participantId: string;
  readonly kind: 'audio' | 'video';
  readonly source: MediaSource;
}

/** An ICE server handed to clients (STUN, or TURN with short-lived credentials). */
export interface IceServer {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}
