import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { deferred, settle, until, type Deferred } from '../../testing/async';
import { audioTrack, videoTrack } from '../../testing/media-fakes';
import { SignalingError } from '../core/signaling/signaling-error';
import { ScreenCapture, ScreenCaptureFailure, type ScreenCaptureResult, type ScreenTracks } from '../core/webrtc/screen-capture';
import { CallPublishing } from '../core/call/call-publishing';
import { ScreenShare } from './screen-share';

describe('ScreenShare', () => {
  let picked: ScreenCaptureResult;
  /** When set, the picker stays open until the spec answers. */
  let picker: Deferred<ScreenCaptureResult> | null;
  /** When set, each share waits for the next of these, in order. */
  let publishes: Deferred<void>[] | null;
  let shareCalls: number;
  let supported: boolean;
  let shared: ScreenTracks[];
  let stops: number;
  let refusal: unknown;
  let screenLost: Subject<unknown>;
  let share: ScreenShare;
  let tracks: ScreenTracks;

  beforeEach(() => {
    tracks = { video: videoTrack(), audio: audioTrack() };
    picked = { ok: true, tracks };
    picker = null;
    publishes = null;
    shareCalls = 0;
    supported = true;
    shared = [];
    stops = 0;
    refusal = null;
    screenLost = new Subject();
    TestBed.configureTestingModule({
      providers: [
        ScreenShare,
        {
          provide: ScreenCapture,
          useValue: {
            get supported() {
              return supported;
            },
            start: () => picker?.promise ?? Promise.resolve(picked),
          },
        },
        {
          provide: CallPublishing,
          useValue: {
            screenLost$: screenLost,
            shareScreen: async (screen: ScreenTracks) => {
              const held = publishes?.[shareCalls++];
              if (held) await held.promise;
              if (refusal) throw refusal;
              shared.push(screen);
            },
            stopScreen: async () => {
              stops += 1;
            },
          },
        },
      ],
    });
    share = TestBed.inject(ScreenShare);
  });

  it('publishes what the picker gave and reads as sharing', async () => {
    await share.toggle();
    expect(shared).toEqual([tracks]);
    expect(share.sharing()).toBeTrue();
    expect(share.notice()).toBeNull();
  });

  it('takes the screen off the call on a second press, then stops capturing it', async () => {
    await share.toggle();
    await share.toggle();
    expect(stops).toBe(1);
    expect(share.sharing()).toBeFalse();
    expect(tracks.video.readyState).toBe('ended');
    expect(tracks.audio?.readyState).toBe('ended');
  });

  it("ends the share the same way when the browser's own Stop sharing ends the track", async () => {
    await share.start();
    tracks.video.dispatchEvent(new Event('ended'));
    await until(() => share.phase() === 'idle');
    expect(stops).toBe(1);
    expect(tracks.audio?.readyState).toBe('ended');
  });

  it('says nothing when the person closes the picker', async () => {
    picked = { ok: false, failure: ScreenCaptureFailure.Cancelled };
    await share.start();
    expect(share.phase()).toBe('idle');
    expect(share.notice()).toBeNull();
    expect(shared).toEqual([]);
  });

  it('explains a capture the system blocked', async () => {
    picked = { ok: false, failure: ScreenCaptureFailure.Blocked };
    await share.start();
    expect(share.notice()).toContain('does not allow screen sharing');
  });

  it("explains the room's share limit in the gateway's words and releases the captured screen", async () => {
    refusal = new SignalingError('media.share_limit', '2 screens are already being shared in this meeting; ask someone to stop first');
    await share.start();
    expect(share.sharing()).toBeFalse();
    expect(share.notice()).toBe('2 screens are already being shared in this meeting; ask someone to stop first');
    expect(tracks.video.readyState).toBe('ended');
  });

  it('honours a stop pressed while the share was still starting', async () => {
    const starting = share.start();
    await share.stop();
    await starting;
    await until(() => share.phase() === 'idle');
    expect(shared.length).toBe(1);
    expect(stops).toBe(1);
  });

  it('ends the share with a notice when it could not follow a reconnection', async () => {
    await share.start();
    screenLost.next(new SignalingError('media.share_limit', '2 screens are already being shared in this meeting; ask someone to stop first'));
    expect(share.sharing()).toBeFalse();
    expect(share.notice()).toContain('Your screen share ended');
    expect(tracks.video.readyState).toBe('ended');
  });

  it('stops capturing when the call view goes away', async () => {
    await share.start();
    TestBed.resetTestingModule();
    expect(tracks.video.readyState).toBe('ended');
  });

  it('offers nothing where the browser cannot share a screen', async () => {
    supported = false;
    const unsupported = TestBed.runInInjectionContext(() => new ScreenShare());
    await unsupported.toggle();
    expect(unsupported.phase()).toBe('idle');
    expect(shared).toEqual([]);
  });

  it('clears the last notice when a new share starts', async () => {
    picked = { ok: false, failure: ScreenCaptureFailure.Blocked };
    await share.start();
    picked = { ok: true, tracks };
    await share.start();
    expect(share.notice()).toBeNull();
    expect(share.sharing()).toBeTrue();
  });

  it('reads as starting, and busy, until a stop pressed meanwhile is honoured', async () => {
    picker = deferred();
    const starting = share.toggle();
    await share.toggle();
    expect(share.phase()).toBe('starting');
    expect(share.busy()).toBeTrue();
    picker.resolve(picked);
    await starting;
    expect(share.phase()).toBe('idle');
    expect(stops).toBe(1);
    expect(tracks.video.readyState).toBe('ended');
  });

  it('stops a screen picked after the call view went away, without publishing it', async () => {
    picker = deferred();
    const starting = share.start();
    TestBed.resetTestingModule();
    picker.resolve(picked);
    await starting;
    expect(shared).toEqual([]);
    expect(tracks.video.readyState).toBe('ended');
    expect(tracks.audio?.readyState).toBe('ended');
  });

  it('stops the screen being published when the call view goes away', async () => {
    publishes = [deferred()];
    const starting = share.start();
    await settle();
    TestBed.resetTestingModule();
    expect(tracks.video.readyState).toBe('ended');
    publishes[0]?.resolve();
    await starting;
    expect(stops).toBe(0);
  });

  it('ends a share still being published when it is lost, and a late answer does not bring it back', async () => {
    publishes = [deferred()];
    const starting = share.start();
    await settle();
    screenLost.next(new Error('gone'));
    expect(share.phase()).toBe('idle');
    expect(share.notice()).toContain('Your screen share ended');
    expect(tracks.video.readyState).toBe('ended');
    publishes[0]?.resolve();
    await starting;
    expect(share.phase()).toBe('idle');
  });

  it('ignores what an earlier attempt reports once a new share has started', async () => {
    publishes = [deferred(), deferred()];
    const first = share.start();
    await settle();
    screenLost.next(new Error('gone'));
    const second = { video: videoTrack(), audio: null };
    picked = { ok: true, tracks: second };
    const again = share.start();
    await settle();
    publishes[0]?.reject(new Error('late refusal of the first attempt'));
    await first;
    expect(share.phase()).toBe('starting');
    expect(second.video.readyState).toBe('live');
    publishes[1]?.resolve();
    await again;
    expect(share.sharing()).toBeTrue();
  });
});
