import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { assertUnreachable } from '../core/assert-unreachable';
import { SignalingError, describeError } from '../core/signaling/signaling-error';
import { ScreenCapture, ScreenCaptureFailure, type ScreenTracks } from '../core/webrtc/screen-capture';
import { CallPublishing } from '../core/call/call-publishing';
import { phaseOf, transition, type ScreenShareEffect, type ScreenShareEvent, type ScreenShareState } from './screen-share-phase';

export type { ScreenSharePhase } from './screen-share-phase';

/** What an event brings: the tracks just picked, the words of a notice. */
interface EventDetail {
  readonly tracks?: ScreenTracks;
  readonly notice?: string;
}

/**
 * One's own screen share, from the "Share screen" press to its end: opens
 * the browser's picker, has the call's publishing put the screen beside the
 * camera, and ends the share however it ends — the "Stop sharing" button,
 * the browser's own "Stop sharing" bar (the track's `ended` event), leaving
 * the call, or a refusal. It owns the captured tracks and stops them.
 *
 * Every change of state goes through {@link dispatch}: the pure table in
 * `screen-share-phase.ts` says where to go and which effects to run; the
 * asynchronous ones report back with an event.
 *
 * Provided by the call view: the share cannot outlive the call shown.
 */
@Injectable()
export class ScreenShare {
  private readonly capture = inject(ScreenCapture);
  private readonly publishing = inject(CallPublishing);

  private readonly state = signal<ScreenShareState>('idle');
  private readonly noticeSignal = signal<string | null>(null);
  /** The screen being published or shared, from `publish` until `release`. */
  private tracks: ScreenTracks | null = null;
  /** Bumped by every picker opened: what an earlier one's steps report is stale. */
  private attempt = 0;
  private readonly ended = () => void this.dispatch('stop');

  /** False where the browser cannot share a screen (phones): no button then. */
  readonly supported = this.capture.supported;
  readonly phase = computed(() => phaseOf(this.state()));
  /** True while the screen is being sent (the banner shows, the button reads "Stop sharing"). */
  readonly sharing = computed(() => this.phase() === 'sharing');
  /** True while a start or stop is under way. */
  readonly busy = computed(() => this.phase() === 'starting' || this.phase() === 'stopping');
  /** Why the last share could not start or ended on its own, in words; null when there is nothing to say. */
  readonly notice = this.noticeSignal.asReadonly();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.publishing.screenLost$.pipe(takeUntilDestroyed(destroyRef)).subscribe((error) => {
      void this.dispatch('lost', { notice: `Your screen share ended: ${describeRefusal(error)}` });
    });
    destroyRef.onDestroy(() => void this.dispatch('destroy'));
  }

  /** The share button: starts sharing, or stops. */
  toggle(): Promise<void> {
    return this.phase() === 'idle' ? this.start() : this.stop();
  }

  /**
   * Opens the picker and publishes what was picked; resolves once the share
   * is on (or has ended again, if "Stop" was pressed meanwhile). Closing the
   * picker is not an error.
   */
  start(): Promise<void> {
    return this.supported ? this.dispatch('start') : Promise.resolve();
  }

  /** Takes the screen off the call (the camera carries on), then stops capturing it; while starting, once started. */
  stop(): Promise<void> {
    return this.dispatch('stop');
  }

  /** Clears the notice (its "Dismiss" button). */
  dismissNotice(): void {
    this.noticeSignal.set(null);
  }

  /** Moves the state by the table and runs the effects it names, in order; resolves when they (and what they lead to) are done. */
  private async dispatch(event: ScreenShareEvent, detail: EventDetail = {}): Promise<void> {
    const { next, effects } = transition(this.state(), event);
    this.state.set(next);
    await Promise.all(effects.map((effect) => this.run(effect, detail)));
  }

  /** An asynchronous step's outcome, dispatched unless a later attempt has begun; a stale pick is stopped. */
  private settle(attempt: number, event: ScreenShareEvent, detail: EventDetail = {}): Promise<void> {
    if (attempt === this.attempt) return this.dispatch(event, detail);
    if (detail.tracks) stopTracks(detail.tracks);
    return Promise.resolve();
  }

  private run(effect: ScreenShareEffect, detail: EventDetail): Promise<void> | void {
    switch (effect) {
      case 'clear_notice':
        return this.noticeSignal.set(null);
      case 'open_picker':
        return this.openPicker(++this.attempt);
      case 'publish':
        return detail.tracks && this.publish(this.attempt, detail.tracks);
      case 'discard':
        return detail.tracks && stopTracks(detail.tracks);
      case 'unpublish':
        return this.unpublish(this.attempt);
      case 'release':
        return this.release();
      case 'notice':
        return this.noticeSignal.set(detail.notice ?? null);
      default:
        return assertUnreachable(effect);
    }
  }

  private async openPicker(attempt: number): Promise<void> {
    const result = await this.capture.start();
    if (result.ok) return this.settle(attempt, 'picked', { tracks: result.tracks });
    if (result.failure === ScreenCaptureFailure.Cancelled) return this.settle(attempt, 'cancelled');
    return this.settle(attempt, 'capture_failed', { notice: describeCaptureFailure(result.failure) });
  }

  private async publish(attempt: number, tracks: ScreenTracks): Promise<void> {
    this.tracks = tracks;
    // The browser's own "Stop sharing" bar (or the shared window closing) ends the track.
    tracks.video.addEventListener('ended', this.ended);
    try {
      await this.publishing.shareScreen(tracks);
    } catch (error) {
      return this.settle(attempt, 'refused', { notice: describeRefusal(error) });
    }
    return this.settle(attempt, 'published');
  }

  private async unpublish(attempt: number): Promise<void> {
    try {
      await this.publishing.stopScreen();
    } catch (error) {
      // The screen is off the sender already (replaceTrack); only the gateway's view lags until the next offer.
      console.warn('Parley: the gateway did not take the stopped screen share', error);
    }
    return this.settle(attempt, 'unpublished');
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
