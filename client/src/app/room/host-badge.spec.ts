import { TestBed } from '@angular/core/testing';
import { participant } from '../../testing/participants';
import { ParticipantTile } from './participant-tile';
import { buildTiles, type Tile } from './tile';

/** The "Host" badge on tiles: who is a host comes from the roster's role. */
describe('Host badge on tiles', () => {
  const tile: Tile = {
    participantId: 'p-1',
    name: 'Grace Hopper',
    isSelf: false,
    audioMuted: false,
    videoMuted: false,
    video: null,
    audio: null,
    handRaisedAt: null,
  };

  function badgeOf(input: Tile): string | null {
    const fixture = TestBed.createComponent(ParticipantTile);
    fixture.componentRef.setInput('tile', input);
    fixture.detectChanges();
    const badge = (fixture.nativeElement as HTMLElement).querySelector('[data-host]');
    return badge?.textContent?.trim() ?? null;
  }

  it('shows "Host" on a host’s tile', () => {
    expect(badgeOf({ ...tile, isHost: true })).toBe('Host');
  });

  it('shows nothing on a guest’s tile', () => {
    expect(badgeOf({ ...tile, isHost: false })).toBeNull();
    expect(badgeOf(tile)).toBeNull();
  });

  it('marks hosts from their role, oneself included', () => {
    const tiles = buildTiles(
      { participantId: 'me', name: 'Me', sendingAudio: true, video: null, isHost: true },
      [participant('a', 'Ada', { role: 'guest' }), participant('b', 'Bob', { role: 'host' })],
      [],
    );
    expect(tiles.map((t) => t.isHost)).toEqual([true, false, true]);
  });
});
