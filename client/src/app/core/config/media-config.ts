import { InjectionToken } from '@angular/core';

/**
 * Camera constraints for getUserMedia. 960×540 (≤30 fps) is the smallest size
 * at which Chromium sends all three simulcast layers (960, 480 and 240 px
 * wide; at 640×360 it drops to two), so the gateway can give a featured tile
 * the full size, a grid tile the half and a thumbnail the quarter, while the
 * top layer stays cheaper to encode on phones than 720p. End-to-end runs with
 * many participants on one machine override it with something tiny (see
 * `mediaOverridesFromQuery`).
 */
export const VIDEO_CONSTRAINTS = new InjectionToken<MediaTrackConstraints>('VIDEO_CONSTRAINTS', {
  providedIn: 'root',
  factory: () => DEFAULT_VIDEO_CONSTRAINTS,
});

/** Microphone constraints for getUserMedia. */
export const AUDIO_CONSTRAINTS = new InjectionToken<MediaTrackConstraints>('AUDIO_CONSTRAINTS', {
  providedIn: 'root',
  factory: () => DEFAULT_AUDIO_CONSTRAINTS,
});

/**
 * The camera's send encodings. Three rid layers is what Janus's own janus.js
 * offers for VP8 simulcast; the gateway picks a layer per subscriber. A single
 * encoding without `rid` turns simulcast off.
 */
export const SIMULCAST_ENCODINGS = new InjectionToken<readonly RTCRtpEncodingParameters[]>('SIMULCAST_ENCODINGS', {
  providedIn: 'root',
  factory: () => DEFAULT_SIMULCAST_ENCODINGS,
});

/**
 * Whether the client tells the gateway how it shows each remote video
 * (`media.view`), which lets the gateway pick a simulcast layer per tile and
 * pause unseen streams. Only tests turn it off, to measure what it saves.
 */
export const LAYER_SELECTION = new InjectionToken<boolean>('LAYER_SELECTION', {
  providedIn: 'root',
  factory: () => true,
});

export const DEFAULT_VIDEO_CONSTRAINTS: MediaTrackConstraints = {
  width: { ideal: 960 },
  height: { ideal: 540 },
  frameRate: { ideal: 30, max: 30 },
};

export const DEFAULT_AUDIO_CONSTRAINTS: MediaTrackConstraints = {
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
};

export const DEFAULT_SIMULCAST_ENCODINGS: readonly RTCRtpEncodingParameters[] = [
  { rid: 'h', active: true, maxBitrate: 900_000 },
  { rid: 'm', active: true, maxBitrate: 300_000, scaleResolutionDownBy: 2 },
  { rid: 'l', active: true, maxBitrate: 100_000, scaleResolutionDownBy: 4 },
];
