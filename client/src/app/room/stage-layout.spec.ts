import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import type { RemoteTrack } from '../core/webrtc/remote-tracks';
import { CallConnections } from '../core/call/call-connections';
import { LayoutPreference } from './layout-preference';
import { NO_SHARES, StageLayoutState, foldShares, shownLayout } from './stage-layout';

describe('foldShares and shownLayout', () => {
  it('switches to the presentation layout when someone starts sharing', () => {
    const state = foldShares(NO_SHARES, ['ada']);
    expect(state).toEqual({ shares: ['ada'], presenting: true });
    expect(shownLayout(state, 'grid')).toBe('presentation');
  });

  it('returns to the chosen layout when the last share ends', () => {
    const state = foldShares(foldShares(NO_SHARES, ['ada']), []);
    expect(state.presenting).toBeFalse();
    expect(shownLayout(state, 'speaker')).toBe('speaker');
    expect(shownLayout(state, 'grid')).toBe('grid');
  });

  it('keeps shares in the order they started, the newest last, whatever order the streams come in', () => {
    const one = foldShares(NO_SHARES, ['bob']);
    const two = foldShares(one, ['ada', 'bob']);
    expect(two.shares).toEqual(['bob', 'ada']);
  });

  it('keeps the order given for shares seen at once (joining during them)', () => {
    expect(foldShares(NO_SHARES, ['ada', 'bob']).shares).toEqual(['ada', 'bob']);
  });

  it('stays out of the presentation layout the person left while the same shares go on', () => {
    const left = { ...foldShares(NO_SHARES, ['ada']), presenting: false };
    const same = foldShares(left, ['ada']);
    expect(same).toBe(left);
    expect(shownLayout(same, 'grid')).toBe('grid');
  });

  it('presents again when a new share starts after the person left the presentation', () => {
    const left = { ...foldShares(NO_SHARES, ['ada']), presenting: false };
    expect(foldShares(left, ['ada', 'bob'])).toEqual({ shares: ['ada', 'bob'], presenting: true });
  });

  it('keeps presenting the remaining share when one of two ends', () => {
    const state = foldShares(foldShares(NO_SHARES, ['ada', 'bob']), ['bob']);
    expect(state).toEqual({ shares: ['bob'], presenting: true });
  });
});

describe('StageLayoutState', () => {
  const tracks = signal<RemoteTrack[]>([]);
  let state: StageLayoutState;

  const track = (participantId: string, source: RemoteTrack['source'], kind: RemoteTrack['kind'] = 'video'): RemoteTrack => ({
    mid: `${participantId}-${source}`,
    participantId,
    kind,
    source,
    track: {} as MediaStreamTrack,
  });

  beforeEach(() => {
    localStorage.removeItem('parley.layout');
    tracks.set([track('ada', 'camera')]);
    TestBed.configureTestingModule({
      providers: [StageLayoutState, { provide: CallConnections, useValue: { remoteTracks: tracks } }],
    });
    state = TestBed.inject(StageLayoutState);
  });

  afterEach(() => localStorage.removeItem('parley.layout'));

  it('shows the remembered layout while nobody shares', () => {
    TestBed.inject(LayoutPreference).choose('speaker');
    expect(state.shown()).toBe('speaker');
    expect(state.canPresent()).toBeFalse();
  });

  it('presents a remote screen as soon as it arrives, and goes back to the chosen layout after it', () => {
    TestBed.inject(LayoutPreference).choose('speaker');
    tracks.set([track('ada', 'camera'), track('ada', 'screen'), track('ada', 'screen-audio', 'audio')]);
    expect(state.shown()).toBe('presentation');
    expect(state.shares()).toEqual(['ada']);
    tracks.set([track('ada', 'camera')]);
    expect(state.shown()).toBe('speaker');
  });

  it('lets the person switch to the grid during a share (remembered) and back to the presentation', () => {
    tracks.set([track('ada', 'screen')]);
    state.choose('grid');
    expect(state.shown()).toBe('grid');
    expect(TestBed.inject(LayoutPreference).layout()).toBe('grid');
    state.choose('presentation');
    expect(state.shown()).toBe('presentation');
  });

  it('does not present what only carries sound', () => {
    tracks.set([track('ada', 'screen-audio', 'audio')]);
    expect(state.shown()).toBe('grid');
  });
});
