import { Injectable, InjectionToken, inject } from '@angular/core';

/**
 * `navigator.mediaDevices.getDisplayMedia`, or null where the browser has
 * none (phone browsers, insecure pages): then Parley offers no "Share
 * screen" button at all. A token so specs can hand out fake screens.
 */
export type DisplayCapture = (options: ScreenCaptureOptions) => Promise<MediaStream>;

export const DISPLAY_CAPTURE = new InjectionToken<DisplayCapture | null>('DISPLAY_CAPTURE', {
  providedIn: 'root',
  factory: () => {
    const devices = globalThis.navigator?.mediaDevices;
    return typeof devices?.getDisplayMedia === 'function' ? (options) => devices.getDisplayMedia(options) : null;
  },
});

/**
 * getDisplayMedia's options, with the Chromium ones lib.dom does not know
 * yet (other browsers ignore them).
 */
export interface ScreenCaptureOptions extends DisplayMediaStreamOptions {
  /** Leave Parley's own tab out of the picker: sharing it shows the call inside itself. */
  readonly selfBrowserSurface?: 'include' | 'exclude';
  /** Offer "share this tab instead" while sharing a tab. */
  readonly surfaceSwitching?: 'include' | 'exclude';
  /** Offer the system's audio when sharing a whole screen. */
  readonly systemAudio?: 'include' | 'exclude';
}

/**
 * Screens carry text: a few sharp frames a second beat many blurry ones, so
 * the frame rate is capped low (slides and code change seldom) while the
 * size stays the screen's own: the encoder drops frames, not pixels
 * (`maintain-resolution`, set by the publisher). Audio is asked for and
 * taken when the browser offers it (a tab's sound, or the system's on some
 * platforms); it is never mixed into the microphone.
 */
export const SCREEN_CAPTURE_OPTIONS: ScreenCaptureOptions = {
  video: { frameRate: { ideal: 15, max: 15 } },
  audio: true,
  selfBrowserSurface: 'exclude',
  surfaceSwitching: 'include',
  systemAudio: 'include',
};

/**
 * The screen's one send encoding. No simulcast: lower layers of a screen
 * are unreadable anyway, and a single encoding gets the whole budget. More
 * bits and fewer frames than the camera's top layer (900 kbit/s at 30 fps),
 * so text stays sharp; the gateway only pauses or resumes it.
 */
export const SCREEN_ENCODING: RTCRtpEncodingParameters = { active: true, maxBitrate: 2_000_000, maxFramerate: 15 };

/** A captured screen: its video, and its audio when the browser offered some. */
export interface ScreenTracks {
  readonly video: MediaStreamTrack;
  readonly audio: MediaStreamTrack | null;
}

/** Why no screen could be captured, in words the share button's notice can use. */
export enum ScreenCaptureFailure {
  /** The person closed the picker without choosing (or refused permission): not an error to show. */
  Cancelled = 'cancelled',
  /** The browser or the operating system does not allow it (policy, macOS screen recording permission). */
  Blocked = 'blocked',
  /** Something else went wrong (the chosen window closed, the capturer failed). */
  Failed = 'failed',
}

/** Maps a getDisplayMedia rejection to a {@link ScreenCaptureFailure}. */
export function screenCaptureFailureOf(error: unknown): ScreenCaptureFailure {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'AbortError':
      return ScreenCaptureFailure.Cancelled;
    case 'SecurityError':
    case 'NotSupportedError':
      return ScreenCaptureFailure.Blocked;
    default:
      return ScreenCaptureFailure.Failed;
  }
}

/** The outcome of asking for a screen: its tracks, or why there are none. */
export type ScreenCaptureResult =
  | { readonly ok: true; readonly tracks: ScreenTracks }
  | { readonly ok: false; readonly failure: ScreenCaptureFailure };

/**
 * Opens the browser's screen picker. The tracks it hands back belong to the
 * caller, who stops them when the share ends.
 */
@Injectable({ providedIn: 'root' })
export class ScreenCapture {
  private readonly capture = inject(DISPLAY_CAPTURE);

  /** False where the browser cannot share a screen (phones): the button is not shown. */
  readonly supported = this.capture !== null;

  async start(): Promise<ScreenCaptureResult> {
    if (this.capture === null) return { ok: false, failure: ScreenCaptureFailure.Blocked };
    let stream: MediaStream;
    try {
      stream = await this.capture(SCREEN_CAPTURE_OPTIONS);
    } catch (error) {
      return { ok: false, failure: screenCaptureFailureOf(error) };
    }
    const video = stream.getVideoTracks()[0];
    if (!video) {
      stream.getTracks().forEach((track) => track.stop());
      return { ok: false, failure: ScreenCaptureFailure.Failed };
    }
    // Tells the encoder to keep edges sharp (text) rather than motion smooth.
    video.contentHint = 'detail';
    return { ok: true, tracks: { video, audio: stream.getAudioTracks()[0] ?? null } };
  }
}
