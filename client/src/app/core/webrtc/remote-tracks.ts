import type { MediaSource, RemoteStream } from '@parley/protocol';

/** One remote participant's track, as received on the subscriber connection. */
export interface RemoteTrack {
  readonly mid: string;
  readonly participantId: string;
  readonly kind: 'audio' | 'video';
  readonly source: MediaSource;
  readonly track: MediaStreamTrack;
}

/** The parts of an RTCRtpTransceiver the mapping reads (a real one fits). */
export interface ReceivingTransceiver {
  readonly mid: string | null;
  readonly currentDirection: RTCRtpTransceiverDirection | null;
  readonly receiver: { readonly track: MediaStreamTrack };
}

/**
 * Which participant's which source is on which track, after a negotiation.
 *
 * `streams` (from the gateway) says what each mid carries; the transceivers
 * say which track each mid delivers. A mid missing from `streams`, or whose
 * m-line is now inactive or stopped, carries nothing: its track is dropped.
 * This is read from the transceivers after each answer rather than
 * accumulated from `ontrack`, because Janus recycles m-lines and Chrome then
 * reuses the same receiver track without a new `track` event.
 */
export function mapRemoteTracks(
  streams: readonly RemoteStream[],
  transceivers: readonly ReceivingTransceiver[],
): RemoteTrack[] {
  const byMid = new Map<string, ReceivingTransceiver>();
  for (const transceiver of transceivers) {
    if (transceiver.mid !== null) byMid.set(transceiver.mid, transceiver);
  }
  const tracks: RemoteTrack[] = [];
  for (const stream of streams) {
    const transceiver = byMid.get(stream.mid);
    if (!transceiver || !receives(transceiver.currentDirection)) continue;
    const track = transceiver.receiver.track;
    if (track.kind !== stream.kind) continue;
    tracks.push({ mid: stream.mid, participantId: stream.participantId, kind: stream.kind, source: stream.source, track });
  }
  return tracks;
}

function receives(direction: RTCRtpTransceiverDirection | null): boolean {
  return direction === 'recvonly' || direction === 'sendrecv';
}
