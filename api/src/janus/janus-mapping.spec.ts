import type { JanusPublisherStream, JanusSubscriberStream } from 'janode/plugins/videoroom';
import { toJsep, toPublishedStreams, toStreamSelectors, toSubscribedStreams, toTrickleCandidate } from './janus-mapping';

describe('Janus mapping', () => {
  describe('toPublishedStreams', () => {
    it('keeps the mid, kind, description and simulcast flag of each published stream', () => {
      const streams: JanusPublisherStream[] = [
        { type: 'audio', mindex: 0, mid: '0', codec: 'opus', description: 'microphone' },
        { type: 'video', mindex: 1, mid: '1', codec: 'vp8', simulcast: true, description: 'camera' },
        { type: 'video', mindex: 2, mid: '2', codec: 'vp8', description: 'screen' },
      ];

      expect(toPublishedStreams(streams)).toEqual([
        { mid: '0', kind: 'audio', description: 'microphone' },
        { mid: '1', kind: 'video', description: 'camera', simulcast: true },
        { mid: '2', kind: 'video', description: 'screen' },
      ]);
    });

    it('leaves out disabled m-lines and data channels, which nobody can subscribe to', () => {
      const streams: JanusPublisherStream[] = [
        { type: 'video', mindex: 0, mid: '0', disabled: true },
        { type: 'data', mindex: 1, mid: '1' },
        { type: 'audio', mindex: 2, mid: '2', codec: 'opus' },
      ];

      expect(toPublishedStreams(streams)).toEqual([{ mid: '2', kind: 'audio' }]);
    });

    it('treats a missing list as no streams', () => {
      expect(toPublishedStreams(undefined)).toEqual([]);
    });
  });

  describe('toSubscribedStreams', () => {
    it('lists m-lines in SDP order with the feed and publisher mid they carry', () => {
      const streams: JanusSubscriberStream[] = [
        { type: 'video', mindex: 1, mid: '1', active: true, feed_id: 'alice', feed_mid: '1' },
        { type: 'audio', mindex: 0, mid: '0', active: true, feed_id: 'alice', feed_mid: '0' },
      ];

      expect(toSubscribedStreams(streams)).toEqual([
        { mid: '0', kind: 'audio', active: true, feedId: 'alice', feedMid: '0' },
        { mid: '1', kind: 'video', active: true, feedId: 'alice', feedMid: '1' },
      ]);
    });

    it('keeps no feed on inactive m-lines', () => {
      const streams: JanusSubscriberStream[] = [{ type: 'video', mindex: 0, mid: '0', active: false }];

      expect(toSubscribedStreams(streams)).toEqual([{ mid: '0', kind: 'video', active: false }]);
    });
  });

  it('selects a whole feed without a mid, and one stream with it', () => {
    expect(toStreamSelectors([{ feedId: 'a' }, { feedId: 'b', mid: '1' }])).toEqual([{ feed: 'a' }, { feed: 'b', mid: '1' }]);
  });

  describe('toTrickleCandidate', () => {
    it('passes a candidate on without null fields', () => {
      expect(toTrickleCandidate({ candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host', sdpMid: '0', sdpMLineIndex: null })).toEqual({
        candidate: 'candidate:1 1 udp 1 192.0.2.1 5000 typ host',
        sdpMid: '0',
      });
    });

    it('turns null and the empty candidate into end-of-candidates', () => {
      expect(toTrickleCandidate(null)).toBeNull();
      expect(toTrickleCandidate({ candidate: '', sdpMid: '0' })).toBeNull();
    });
  });

  it('copies the SDP into a fresh jsep, since janode writes into it', () => {
    const sdp = { type: 'offer' as const, sdp: 'v=0\r\n' };
    const jsep = toJsep(sdp);

    expect(jsep).toEqual({ type: 'offer', sdp: 'v=0\r\n' });
    expect(jsep).not.toBe(sdp);
  });

  it('tells Janus the simulcast rid order in the jsep', () => {
    expect(toJsep({ type: 'offer', sdp: 'v=0\r\n' }, 'lmh')).toEqual({ type: 'offer', sdp: 'v=0\r\n', rid_order: 'lmh' });
  });
});
