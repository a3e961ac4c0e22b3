import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { assertUnreachable } from '../core/assert-unreachable';
import { SignalingError, describeError } from '../core/signaling/signaling-error';
import { ScreenCapture, ScreenCaptureFailure, type ScreenTracks } from '../core/webrtc/screen-capture';
import { CallPublishing } from '../core/call/call-publishing';

/** Where one's own screen share stands. */
export type ScreenSharePhase = 'idle' | 'starting' | 'sharing' | 'stopping';

/**
 * One's own screen share, from the "Share screen" press to its end: opens
 * the browser's picker, has the call's publishing put the screen beside the
 * camera, and ends the share however it ends — the "Stop sharing" button,
 * the browser's own "Stop sharing" bar (the track's `ended` event), leaving
 * the call, or a refusal. It owns the captured tracks and stops them.
 *
 * Provided by the call view: the share cannot outlive the call shown.
 */
@Injectable()
export class ScreenShare {
  private readonly capture = inject(ScreenCapture);
  private readonly publishing = inject(CallPublishing);

  private readonly phaseSignal = signal<ScreenSharePhase>('idle');
  private readonly noticeSignal = signal<string | null>(null);
  private tracks: ScreenTracks | null = null;
  /** "Stop" asked for while the share was still starting: honoured once it has. */
  private stopWanted = false;
  private destroyed = false;
  private readonly ended = () => void this.stop();

  /** False where the browser cannot share a screen (phones): no button then. */
  readonly supported = this.capture.supported;
  readonly phase = this.phaseSignal.asReadonly();
  /** True while the screen is being sent (the banner shows, the button reads "Stop sharing"). */
  readonly sharing = computed(() => this.phaseSignal() === 'sharing');
  /** True while a start or stop is under way. */
  readonly busy = computed(() => this.phaseSignal() === 'starting' || this.phaseSignal() === 'stopping');
  /** Why the last share could not start or ended on its own, in words; null when there is nothing to say. */
  readonly notice = this.noticeSignal.asReadonly();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.publishing.screenLost$.pipe(takeUntilDestroyed(destroyRef)).subscribe((error) => {
      this.release();
      this.phaseSignal.set('idle');
      this.noticeSignal.set(`Your screen share ended: ${describeRefusal(error)}`);
    });
    destroyRef.onDestroy(() => {
      this.destroyed = true;
      this.release();
    });
  }

  /** The share button: starts sharing, or stops. */
  toggle(): Promise<void> {
    return this.phaseSignal() === 'idle' ? this.start() : this.stop();
  }

  /** Opens the picker and publishes what was picked. Closing the picker is not an error. */
  async start(): Promise<void> {
    if (this.phaseSignal() !== 'idle' || !this.supported) return;
    this.phaseSignal.set('starting');
    this.noticeSignal.set(null);
    this.stopWanted = false;
    const result = await this.capture.start();
    if (!result.ok) {
      this.phaseSignal.set('idle');
      if (result.failure !== ScreenCaptureFailure.Cancelled) this.noticeSignal.set(describeCaptureFailure(result.failure));
      return;
    }
    if (this.destroyed) {
      stopTracks(result.tracks);
      return;
    }
    this.tracks = result.tracks;
    // The browser's own "Stop sharing" bar (or the shared window closing) ends the track.
    result.tracks.video.addEventListener('ended', this.ended);
    try {
      await this.publishing.shareScreen(result.tracks);
    } catch (error) {
      this.release();
      this.phaseSignal.set('idle');
      this.noticeSignal.set(describeRefusal(error));
      return;
    }
    this.phaseSignal.set('sharing');
    if (this.stopWanted) await this.stop();
  }

  /** Takes the screen off the call (the camera carries on), then stops capturing it. */
  async stop(): Promise<void> {
    const phase = this.phaseSignal();
    if (phase === 'starting') this.stopWanted = true;
    if (phase !== 'sharing') return;
    this.phaseSignal.set('stopping');
    try {
      await this.publishing.stopScreen();
    } catch (error) {
      // The screen is off the sender already (replaceTrack); only the gateway's view lags until the next offer.
      console.warn('Parley: the gateway did not take the stopped screen share', error);
    }
    this.release();
    this.phaseSignal.set('idle');
  }

  /** Clears the notice (its "Dismiss" button). */
  dismissNotice(): void {
    this.noticeSignal.set(null);
  }

  private release(): void {
    const tracks = this.tracks;
    this.tracks = null;
    if (!tracks) return;
    tracks.video.removeEventListener('ended', this.ended);
    stopTracks(tracks);
  }
}

function stopTracks({ video, audio }: ScreenTracks): void {
  video.stop();
  audio?.stop();
}

function describeCaptureFailure(failure: Exclude<ScreenCaptureFailure, ScreenCaptureFailure.Cancelled>): string {
  switch (failure) {
    case ScreenCaptureFailure.Blocked:
      return 'Your browser or system does not allow screen sharing here. Check its screen recording permission.';
    case ScreenCaptureFailure.Failed:
      return 'Your screen could not be captured. Try again, or pick another window.';
    default:
      return assertUnreachable(failure);
  }
}

/**
 * The gateway's own words for the share limit (they name the limit: "2
 * screens are already being shared…"), the usual explanation otherwise.
 */
function describeRefusal(error: unknown): string {
  if (error instanceof SignalingError && error.code === 'media.share_limit' && error.message) return error.message;
  return describeError(error);
}
