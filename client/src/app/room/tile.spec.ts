import type { ParticipantInfo } from '@parley/protocol';
import { participant } from '../../testing/participants';
import type { RemoteTrack } from '../core/webrtc/remote-tracks';
import { buildTiles, type SelfTileInput } from './tile';

const fakeTrack = (kind: 'audio' | 'video') => ({ kind }) as MediaStreamTrack;

function person(id: string, extra: Partial<ParticipantInfo> = {}): ParticipantInfo {
  return participant(id, `Name ${id}`, extra);
}

const me: SelfTileInput = { participantId: 'me', name: 'Me', sendingAudio: true, video: null };

describe('buildTiles', () => {
  it('puts one’s own tile first, without audio to play', () => {
    const [own] = buildTiles({ ...me, video: fakeTrack('video') }, [], []);
    expect(own?.isSelf).toBeTrue();
    expect(own?.audio).toBeNull();
  });

  it('gives each remote participant the camera and microphone tracks mapped to them', () => {
    const video = fakeTrack('video');
    const audio = fakeTrack('audio');
    const tracks: RemoteTrack[] = [
      { mid: '0', participantId: 'a', kind: 'audio', source: 'microphone', track: audio },
      { mid: '1', participantId: 'a', kind: 'video', source: 'camera', track: video },
    ];
    const tile = buildTiles(me, [person('a'), person('b')], tracks)[1];
    expect(tile?.video).toBe(video);
    expect(tile?.audio).toBe(audio);
  });

  it('shows a participant without a video track as camera off', () => {
    const tile = buildTiles(me, [person('b')], [])[1];
    expect(tile?.videoMuted).toBeTrue();
  });

  it('shows a participant who turned the camera off as camera off even while the track lingers', () => {
    const tracks: RemoteTrack[] = [{ mid: '1', participantId: 'a', kind: 'video', source: 'camera', track: fakeTrack('video') }];
    const tile = buildTiles(me, [person('a', { videoMuted: true })], tracks)[1];
    expect(tile?.videoMuted).toBeTrue();
  });

  it('drops the tracks of someone no longer in the roster', () => {
    const tracks: RemoteTrack[] = [{ mid: '1', participantId: 'gone', kind: 'video', source: 'camera', track: fakeTrack('video') }];
    expect(buildTiles(me, [], tracks).length).toBe(1);
  });

  it('carries everyone’s raised hand, oneself included', () => {
    const tiles = buildTiles({ ...me, handRaisedAt: 7 }, [person('a', { handRaisedAt: 9 }), person('b')], []);
    expect(tiles.map((t) => t.handRaisedAt)).toEqual([7, 9, null]);
  });

  it('marks one’s own tile muted when no audio is being sent', () => {
    expect(buildTiles({ ...me, sendingAudio: false }, [], [])[0]?.audioMuted).toBeTrue();
  });
});
