import type { ParticipantInfo } from '@parley/protocol';
import type { RemoteTrack } from '../core/webrtc/remote-tracks';
import { participant } from '../../testing/participants';
import { buildScreenTiles } from './screen-tile';

const remote = (participantId: string, source: RemoteTrack['source'], kind: RemoteTrack['kind'] = 'video'): RemoteTrack => ({
  mid: `${participantId}-${source}`,
  participantId,
  kind,
  source,
  track: { id: `${participantId}-${source}` } as MediaStreamTrack,
});

describe('buildScreenTiles', () => {
  const others: ParticipantInfo[] = [participant('ada', 'Ada'), participant('bob', 'Bob')];

  it('makes a tile per remote screen, named after its owner, with the sound shared with it', () => {
    const tracks = [remote('ada', 'camera'), remote('ada', 'screen'), remote('ada', 'screen-audio', 'audio')];
    const [tile, ...rest] = buildScreenTiles(others, tracks, ['ada']);
    expect(rest).toEqual([]);
    expect(tile?.key).toBe('ada/screen');
    expect(tile?.name).toBe('Ada');
    expect(tile?.video.id).toBe('ada-screen');
    expect(tile?.audio?.id).toBe('ada-screen-audio');
  });

  it('orders screens as the shares started, oldest first', () => {
    const tiles = buildScreenTiles(others, [remote('ada', 'screen'), remote('bob', 'screen')], ['bob', 'ada']);
    expect(tiles.map((t) => t.participantId)).toEqual(['bob', 'ada']);
  });

  it('leaves out the screen of someone no longer in the roster', () => {
    expect(buildScreenTiles(others, [remote('zed', 'screen')], ['zed'])).toEqual([]);
  });
});
