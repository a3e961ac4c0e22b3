import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ParticipantTile, describeQuality } from './participant-tile';
import type { Tile } from './tile';

function videoTrack(): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.getContext('2d')?.fillRect(0, 0, 1, 1);
  const track = canvas.captureStream(1).getVideoTracks()[0];
  if (!track) throw new Error('no canvas track');
  return track;
}

describe('ParticipantTile', () => {
  let fixture: ComponentFixture<ParticipantTile>;
  const host = () => fixture.nativeElement as HTMLElement;
  const base: Tile = {
    participantId: 'p-1',
    name: 'Grace Hopper',
    isSelf: false,
    audioMuted: false,
    videoMuted: false,
    video: null,
    audio: null,
    handRaisedAt: null,
  };

  function render(tile: Partial<Tile>): void {
    fixture = TestBed.createComponent(ParticipantTile);
    fixture.componentRef.setInput('tile', { ...base, ...tile });
    fixture.detectChanges();
  }

  it('is a group named after the person, carrying their id', () => {
    render({});
    expect(host().getAttribute('role')).toBe('group');
    expect(host().getAttribute('aria-label')).toBe('Grace Hopper');
    expect(host().dataset['participantId']).toBe('p-1');
  });

  it('is described by what the person is doing: microphone, camera, hand, speaking', () => {
    render({ audioMuted: true, videoMuted: true });
    fixture.componentRef.setInput('handPosition', 2);
    fixture.componentRef.setInput('speaking', true);
    fixture.detectChanges();
    const id = host().getAttribute('aria-describedby') ?? '';
    const description = host().querySelector(`[id="${id}"]`);
    expect(description?.textContent).toBe('Microphone muted, camera off, hand raised, number 2 in line, speaking');
  });

  it('describes one\'s own tile as "You"', () => {
    render({ isSelf: true, isHost: true });
    const description = host().querySelector(`[id="${host().getAttribute('aria-describedby')}"]`);
    expect(description?.textContent).toBe('You, host, microphone on, camera on');
  });

  it('shows initials when the camera is off', () => {
    render({ videoMuted: true });
    expect(host().querySelector('.avatar')?.textContent?.trim()).toBe('GH');
    expect(host().querySelector('video')).toBeNull();
  });

  it('tags a remote video with whose camera it is', () => {
    render({ video: videoTrack() });
    const video = host().querySelector('video');
    expect(video?.dataset['participantId']).toBe('p-1');
    expect(video?.dataset['source']).toBe('camera');
    expect(video?.muted).toBeTrue();
  });

  it('mirrors one’s own video', () => {
    render({ isSelf: true, video: videoTrack() });
    expect(host().querySelector('video')?.classList).toContain('mirrored');
  });

  it('shows the muted-microphone mark only when muted', () => {
    render({ audioMuted: true });
    expect(host().querySelector('.muted')?.textContent).toContain('Microphone muted');
    render({ audioMuted: false });
    expect(host().querySelector('.muted')).toBeNull();
  });

  it('shows a raised hand with its place in the queue', () => {
    render({});
    expect(host().querySelector('.hand')).toBeNull();
    fixture.componentRef.setInput('handPosition', 2);
    fixture.detectChanges();
    expect(host().querySelector('.hand')?.getAttribute('aria-label')).toBe('Hand raised, number 2');
    expect(host().dataset['handRaised']).toBe('true');
  });

  it('rings the tile while the person speaks', () => {
    render({});
    fixture.componentRef.setInput('speaking', true);
    fixture.detectChanges();
    expect(host().classList).toContain('speaking');
  });

  it('names the connection quality with the numbers behind it, reachable by keyboard', () => {
    render({});
    fixture.componentRef.setInput('quality', { level: 'fair', lossPercent: 3.2, rttMs: 120, videoKbps: 240, videoExpected: true });
    fixture.detectChanges();
    const quality = host().querySelector('.quality');
    expect(quality?.getAttribute('aria-label')).toBe('Network fair: 3.2 % packet loss, 120 ms round trip, video 240 kbit/s');
    expect(quality?.getAttribute('tabindex')).toBe('0');
    expect(quality?.getAttribute('data-quality')).toBe('fair');
  });
});

describe('describeQuality', () => {
  it('leaves out what is unknown and a bitrate that says nothing (paused video)', () => {
    expect(describeQuality({ level: 'good', lossPercent: null, rttMs: 30, videoKbps: 0, videoExpected: false })).toBe(
      'Network good: 30 ms round trip',
    );
  });
});
