import type { IceCandidate, RidOrder, Sdp } from '@parley/protocol';
import type { Jsep, TrickleCandidate } from 'janode';
import type { JanusPublisherStream, JanusStreamSelector, JanusSubscriberStream } from 'janode/plugins/videoroom';
import type { SfuPublishedStream, SfuStreamRef, SfuSubscribedStream } from '../rooms/sfu';

/*
 * Pure translations between the Sfu port's shapes and Janus's, kept apart
 * from the request logic so they are unit-testable without a Janus.
 */

/**
 * A fresh object: janode writes `e2ee` into the jsep it is given. A rid
 * order goes into the jsep as `rid_order` (read by the Janus core, as
 * janus.js sends it), so Janus maps each rid to the right layer.
 */
export function toJsep(sdp: Sdp, ridOrder?: RidOrder): Jsep {
  return ridOrder === undefined ? { type: sdp.type, sdp: sdp.sdp } : { type: sdp.type, sdp: sdp.sdp, rid_order: ridOrder };
}

export function toSdp(jsep: Jsep): Sdp {
  return { type: jsep.type, sdp: jsep.sdp };
}

/**
 * The streams a publisher actually publishes. Janus lists every m-line of
 * the offer, including rejected or inactive ones (`disabled`, e.g. a codec
 * the room does not allow, or a stopped screen share) and data channels;
 * those carry no media anyone can subscribe to, so they are left out.
 * Janus's `simulcast` flag is kept: only such a stream has layers to pick.
 */
export function toPublishedStreams(streams: readonly JanusPublisherStream[] | undefined): SfuPublishedStream[] {
  const published: SfuPublishedStream[] = [];
  for (const stream of streams ?? []) {
    if (stream.disabled === true || stream.type === 'data') continue;
    published.push({
      mid: stream.mid,
      kind: stream.type,
      ...(stream.description === undefined ? {} : { description: stream.description }),
      ...(stream.simulcast === true ? { simulcast: true } : {}),
    });
  }
  return published;
}

/**
 * A subscriber's m-lines in SDP order. Inactive m-lines (their publisher
 * stream is gone; Janus recycles them for the next subscription) keep no
 * feed, as the port documents.
 */
export function toSubscribedStreams(streams: readonly JanusSubscriberStream[] | undefined): SfuSubscribedStream[] {
  return [...(streams ?? [])]
    .sort((a, b) => a.mindex - b.mindex)
    .map((stream) =>
      stream.active && stream.feed_id !== undefined
        ? {
            mid: stream.mid,
            kind: stream.type,
            active: true,
            feedId: stream.feed_id,
            ...(stream.feed_mid === undefined ? {} : { feedMid: stream.feed_mid }),
          }
        : { mid: stream.mid, kind: stream.type, active: stream.active },
    );
}

/** `{ feed, mid? }`: without a mid Janus takes every stream of the feed. */
export function toStreamSelectors(refs: readonly SfuStreamRef[]): JanusStreamSelector[] {
  return refs.map((ref) => (ref.mid === undefined ? { feed: ref.feedId } : { feed: ref.feedId, mid: ref.mid }));
}

/**
 * A browser ICE candidate as Janus's trickle wants it. `null` and the empty
 * candidate string (what some browsers send as their last candidate) both
 * mean end-of-candidates: janode then sends `{ completed: true }`.
 */
export function toTrickleCandidate(candidate: IceCandidate): TrickleCandidate | null {
  if (candidate === null || candidate.candidate === '') return null;
  return {
    candidate: candidate.candidate,
    ...(candidate.sdpMid === null || candidate.sdpMid === undefined ? {} : { sdpMid: candidate.sdpMid }),
    ...(candidate.sdpMLineIndex === null || candidate.sdpMLineIndex === undefined
      ? {}
      : { sdpMLineIndex: candidate.sdpMLineIndex }),
  };
}
