import type { RidOrder } from '@parley/protocol';

/**
 * How an offer orders its simulcast layers, read from the offer itself.
 *
 * Janus maps the `a=rid` lines of a video m-section to its substreams by
 * position: the first is the top layer unless the jsep says
 * `rid_order: "lmh"`. Chromium writes the rids in `sendEncodings` order;
 * Firefox has written them both ways over the years (janus.js once set up
 * Firefox simulcast by hand for that reason). Rather than guess from the
 * browser's name, compare the order the browser actually wrote with the
 * size of each encoding: the rid scaled down least is the top layer.
 *
 * Returns undefined when the offer has no simulcast video (one encoding, or
 * rids this client did not ask for), so nothing is sent and Janus keeps its default.
 */
export function simulcastRidOrder(sdp: string, encodings: readonly RTCRtpEncodingParameters[]): RidOrder | undefined {
  const scaleOf = new Map<string, number>();
  for (const encoding of encodings) {
    if (encoding.rid !== undefined) scaleOf.set(encoding.rid, encoding.scaleResolutionDownBy ?? 1);
  }
  for (const section of sdp.split(/\r?\n(?=m=)/)) {
    if (!section.startsWith('m=video')) continue;
    const scales = [...section.matchAll(/^a=rid:(\S+) send\b/gm)]
      .map(([, rid]) => (rid === undefined ? undefined : scaleOf.get(rid)))
      .filter((scale) => scale !== undefined);
    const first = scales[0];
    const last = scales.at(-1);
    if (first === undefined || last === undefined || first === last) continue;
    return first < last ? 'hml' : 'lmh';
  }
  return undefined;
}
