import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { AUDIO_CONSTRAINTS, VIDEO_CONSTRAINTS } from '../config/media-config';
import { MediaDeviceFailure, mediaDeviceFailureOf } from './media-device-failure';
import { MEDIA_DEVICES } from './platform';

/** One local device as the UI sees it. */
export interface LocalDevice {
  /** The live track, or null while off or unavailable. */
  readonly track: MediaStreamTrack | null;
  /** Why the device could not be started, or null. */
  readonly failure: MediaDeviceFailure | null;
}

const NOTHING: LocalDevice = { track: null, failure: null };

/**
 * The person's own camera and microphone, from the lobby preview to the end
 * of the call. Muting the microphone disables its track (instant, keeps the
 * device warm); turning the camera off stops its track so the camera light
 * goes out, and turning it on acquires a new one, which the publisher swaps
 * in with `replaceTrack` (no renegotiation).
 *
 * Provided per meeting, so leaving releases the devices.
 */
@Injectable()
export class LocalMedia {
  private readonly devices = inject(MEDIA_DEVICES);
  private readonly videoConstraints = inject(VIDEO_CONSTRAINTS);
  private readonly audioConstraints = inject(AUDIO_CONSTRAINTS);

  private readonly microphoneSignal = signal<LocalDevice>(NOTHING);
  private readonly cameraSignal = signal<LocalDevice>(NOTHING);
  private readonly microphoneOnSignal = signal(true);
  private readonly cameraOnSignal = signal(true);
  private readonly startingSignal = signal(false);
  private startup: Promise<void> | null = null;
  private closed = false;
  /** Bumped by each camera request, so a slow getUserMedia that lost the race is discarded. */
  private cameraAttempt = 0;

  readonly microphone = this.microphoneSignal.asReadonly();
  readonly camera = this.cameraSignal.asReadonly();
  /** The person's choice; the microphone may still be absent. */
  readonly microphoneOn = this.microphoneOnSignal.asReadonly();
  /** The person's choice; the camera may still be absent. */
  readonly cameraOn = this.cameraOnSignal.asReadonly();
  /** True while the first acquisition is under way. */
  readonly starting = this.startingSignal.asReadonly();
  /** True when audio is actually being sent (a track exists and is enabled). */
  readonly sendingAudio = computed(() => this.microphoneOn() && this.microphone().track !== null);
  /** True when video is actually being sent. */
  readonly sendingVideo = computed(() => this.cameraOn() && this.camera().track !== null);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.close());
  }

  /**
   * Acquires camera and microphone together (one permission prompt), and if
   * that fails, each alone, so one broken device does not cost the other.
   * Every call returns the first call's promise, so joining can wait for it.
   */
  start(): Promise<void> {
    this.startup ??= this.acquireBoth();
    return this.startup;
  }

  private async acquireBoth(): Promise<void> {
    if (this.closed) return;
    this.startingSignal.set(true);
    const attempt = ++this.cameraAttempt;
    try {
      const stream = await this.devices.getUserMedia({ audio: this.audioConstraints, video: this.videoConstraints });
      this.adoptMicrophone(stream.getAudioTracks()[0] ?? null, null);
      this.adoptCamera(attempt, stream.getVideoTracks()[0] ?? null, null);
    } catch {
      // The combined request cannot say which device failed: ask for each on its own.
      await this.acquireMicrophone();
      await this.acquireCamera(attempt);
    } finally {
      this.startingSignal.set(false);
    }
  }

  /** Mutes or unmutes by enabling the track; nothing is renegotiated or re-acquired. */
  setMicrophoneOn(on: boolean): void {
    this.microphoneOnSignal.set(on);
    const track = this.microphone().track;
    if (track) track.enabled = on;
  }

  /**
   * Turns the camera off (stopping the track) or on (acquiring a new one).
   * Resolves with the track to send now: null when off or when acquiring failed.
   */
  async setCameraOn(on: boolean): Promise<MediaStreamTrack | null> {
    this.cameraOnSignal.set(on);
    const attempt = ++this.cameraAttempt;
    if (!on) {
      this.camera().track?.stop();
      this.cameraSignal.set({ track: null, failure: null });
      return null;
    }
    if (this.camera().track) return this.camera().track;
    await this.acquireCamera(attempt);
    return attempt === this.cameraAttempt ? this.camera().track : null;
  }

  /** Tries again to start the microphone after a failure. */
  async retryMicrophone(): Promise<MediaStreamTrack | null> {
    if (!this.microphone().track) await this.acquireMicrophone();
    return this.microphone().track;
  }

  /** Stops every track. Idempotent; the devices are released for good. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.cameraAttempt++;
    this.microphone().track?.stop();
    this.camera().track?.stop();
    this.microphoneSignal.set(NOTHING);
    this.cameraSignal.set(NOTHING);
  }

  private async acquireMicrophone(): Promise<void> {
    try {
      const stream = await this.devices.getUserMedia({ audio: this.audioConstraints });
      this.adoptMicrophone(stream.getAudioTracks()[0] ?? null, null);
    } catch (error) {
      this.adoptMicrophone(null, mediaDeviceFailureOf(error));
    }
  }

  private async acquireCamera(attempt: number): Promise<void> {
    try {
      const stream = await this.devices.getUserMedia({ video: this.videoConstraints });
      this.adoptCamera(attempt, stream.getVideoTracks()[0] ?? null, null);
    } catch (error) {
      this.adoptCamera(attempt, null, mediaDeviceFailureOf(error));
    }
  }

  private adoptMicrophone(track: MediaStreamTrack | null, failure: MediaDeviceFailure | null): void {
    if (this.closed) {
      track?.stop();
      return;
    }
    if (track) {
      track.enabled = this.microphoneOn();
      track.addEventListener('ended', () => this.onEnded('microphone', track), { once: true });
    }
    this.microphoneSignal.set({ track, failure });
  }

  private adoptCamera(attempt: number, track: MediaStreamTrack | null, failure: MediaDeviceFailure | null): void {
    // A camera result that arrives after close, after "turn off", or after a newer request is stale.
    if (this.closed || attempt !== this.cameraAttempt || !this.cameraOn()) {
      track?.stop();
      return;
    }
    if (track) track.addEventListener('ended', () => this.onEnded('camera', track), { once: true });
    this.cameraSignal.set({ track, failure });
  }

  /** A device unplugged or revoked mid-call: forget its track so the UI shows it as gone. */
  private onEnded(kind: 'microphone' | 'camera', track: MediaStreamTrack): void {
    const device = kind === 'microphone' ? this.microphoneSignal : this.cameraSignal;
    if (device().track === track) device.set({ track: null, failure: MediaDeviceFailure.Other });
  }
}
