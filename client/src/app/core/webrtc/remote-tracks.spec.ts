import type { RemoteStream } from '@parley/protocol';
import { mapRemoteTracks, type ReceivingTransceiver } from './remote-tracks';

const track = (kind: 'audio' | 'video') => ({ kind }) as MediaStreamTrack;
const transceiver = (
  mid: string | null,
  kind: 'audio' | 'video',
  currentDirection: RTCRtpTransceiverDirection | null = 'recvonly',
): ReceivingTransceiver => ({ mid, currentDirection, receiver: { track: track(kind) } });

const stream = (mid: string, participantId: string, kind: 'audio' | 'video'): RemoteStream => ({
  mid,
  participantId,
  kind,
  source: kind === 'audio' ? 'microphone' : 'camera',
});

describe('mapRemoteTracks', () => {
  it('pairs each stream with the track received on its mid', () => {
    const audio = transceiver('0', 'audio');
    const video = transceiver('1', 'video');
    const mapped = mapRemoteTracks([stream('1', 'bob', 'video'), stream('0', 'ada', 'audio')], [audio, video]);
    expect(mapped.map((t) => [t.participantId, t.source, t.track])).toEqual([
      ['bob', 'camera', video.receiver.track],
      ['ada', 'microphone', audio.receiver.track],
    ]);
  });

  it('skips a stream whose mid has no transceiver yet', () => {
    expect(mapRemoteTracks([stream('5', 'ada', 'video')], [transceiver('0', 'audio')])).toEqual([]);
  });

  it('skips an m-line that is inactive', () => {
    expect(mapRemoteTracks([stream('0', 'ada', 'audio')], [transceiver('0', 'audio', 'inactive')])).toEqual([]);
  });

  it('skips an m-line that was stopped', () => {
    expect(mapRemoteTracks([stream('0', 'ada', 'audio')], [transceiver('0', 'audio', 'stopped')])).toEqual([]);
  });

  it('skips a stream whose kind does not match the track on that mid', () => {
    expect(mapRemoteTracks([stream('0', 'ada', 'video')], [transceiver('0', 'audio')])).toEqual([]);
  });

  it('leaves out tracks on mids the streams no longer mention', () => {
    expect(mapRemoteTracks([], [transceiver('0', 'audio'), transceiver('1', 'video')])).toEqual([]);
  });
});
