import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { AUDIO_CONSTRAINTS, VIDEO_CONSTRAINTS } from '../config/media-config';
import { DeviceList, type DeviceLists, type DeviceOption } from './device-list';
import { DevicePreferences, findRemembered } from './device-preferences';
import { MediaDeviceFailure, mediaDeviceFailureOf, type DeviceKind } from './media-device-failure';
import { MEDIA_DEVICES } from './platform';

/** One local device as the UI sees it. */
export interface LocalDevice {
  /** The live track, or null while off or unavailable. */
  readonly track: MediaStreamTrack | null;
  /** Why the device could not be started, or null. */
  readonly failure: MediaDeviceFailure | null;
}

const NOTHING: LocalDevice = { track: null, failure: null };

/** How a device switch went: the track to send now (null when nothing changed), or why it failed. */
export interface DeviceSwitch {
  readonly track: MediaStreamTrack | null;
  readonly failure: MediaDeviceFailure | null;
}

/**
 * The person's own camera and microphone, from the lobby preview to the end
 * of the call. Muting the microphone disables its track (instant, keeps the
 * device warm); turning the camera off stops its track so the camera light
 * goes out, and turning it on acquires a new one, which the publisher swaps
 * in with `replaceTrack` (no renegotiation). Devices start as remembered
 * (DevicePreferences) and can be switched at any time (`useDevice`).
 *
 * Provided per meeting, so leaving releases the devices.
 */
@Injectable()
export class LocalMedia {
  private readonly devices = inject(MEDIA_DEVICES);
  private readonly videoConstraints = inject(VIDEO_CONSTRAINTS);
  private readonly audioConstraints = inject(AUDIO_CONSTRAINTS);
  private readonly deviceList = inject(DeviceList);
  private readonly preferences = inject(DevicePreferences);

  private readonly microphoneSignal = signal<LocalDevice>(NOTHING);
  private readonly cameraSignal = signal<LocalDevice>(NOTHING);
  private readonly microphoneOnSignal = signal(true);
  private readonly cameraOnSignal = signal(true);
  private readonly startingSignal = signal(false);
  private startup: Promise<void> | null = null;
  private closed = false;
  /** Bumped by each camera request, so a slow getUserMedia that lost the race is discarded. */
  private cameraAttempt = 0;
  /** Bumped by each microphone request, for the same reason. */
  private microphoneAttempt = 0;

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
    const microphoneAttempt = ++this.microphoneAttempt;
    try {
      // Before permission the list may lack ids and labels; then the remembered id is still asked for.
      const listed = await this.deviceList.refresh();
      try {
        const stream = await this.devices.getUserMedia({
          audio: this.constraints('microphone', this.rememberedId('microphone', listed)),
          video: this.constraints('camera', this.rememberedId('camera', listed)),
        });
        this.adoptMicrophone(microphoneAttempt, stream.getAudioTracks()[0] ?? null, null);
        this.adoptCamera(attempt, stream.getVideoTracks()[0] ?? null, null);
      } catch {
        // The combined request cannot say which device failed: ask for each on its own.
        await this.acquireMicrophone(microphoneAttempt);
        await this.acquireCamera(attempt);
      }
      await this.followRememberedLabels();
    } finally {
      this.startingSignal.set(false);
    }
  }

  /**
   * Moves `kind` to the device `option` and remembers the choice. The new
   * track is acquired (by exact id, so no other device stands in) before
   * the old one stops, so a failed switch leaves the current device working;
   * `handOver` gets the new track first (the publisher's replaceTrack), and
   * only then does the old track stop. A camera that is off is only
   * remembered: turning it on uses the chosen device.
   */
  async useDevice(
    kind: DeviceKind,
    option: DeviceOption,
    handOver: (track: MediaStreamTrack) => Promise<void> = () => Promise.resolve(),
  ): Promise<DeviceSwitch> {
    if (this.closed) return { track: null, failure: null };
    if (kind === 'camera' && !this.cameraOn()) {
      this.preferences.remember('camera', option);
      return { track: null, failure: null };
    }
    const attempt = kind === 'camera' ? ++this.cameraAttempt : ++this.microphoneAttempt;
    const current = () => (kind === 'camera' ? this.cameraAttempt : this.microphoneAttempt);
    const device = kind === 'camera' ? this.cameraSignal : this.microphoneSignal;
    const previous = device().track;
    let track: MediaStreamTrack | null;
    let failure: MediaDeviceFailure | null = null;
    try {
      track = await this.acquireDevice(kind, option.deviceId, previous);
    } catch (error) {
      failure = mediaDeviceFailureOf(error);
      // The busy retry stopped the working device: bring it back rather than leave none.
      track = previous?.readyState === 'ended' ? await this.reopen(kind, previous) : null;
      if (!track) {
        // A device that had no track says why; a working one keeps working.
        if (attempt === current() && (!device().track || device().track?.readyState === 'ended')) device.set({ track: null, failure });
        return { track: null, failure };
      }
    }
    if (this.closed || attempt !== current() || (kind === 'camera' && !this.cameraOn())) {
      track.stop();
      return { track: null, failure };
    }
    if (kind === 'camera') this.adoptCamera(attempt, track, null);
    else this.adoptMicrophone(attempt, track, null);
    if (!failure) this.preferences.remember(kind, option);
    try {
      await handOver(track);
    } finally {
      if (previous !== track) previous?.stop();
    }
    return { track, failure };
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
    if (!this.microphone().track) await this.acquireMicrophone(++this.microphoneAttempt);
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

  private async acquireMicrophone(attempt: number): Promise<void> {
    try {
      const track = await this.acquireRememberedOrDefault('microphone');
      this.adoptMicrophone(attempt, track, null);
    } catch (error) {
      this.adoptMicrophone(attempt, null, mediaDeviceFailureOf(error));
    }
  }

  private async acquireCamera(attempt: number): Promise<void> {
    try {
      const track = await this.acquireRememberedOrDefault('camera');
      this.adoptCamera(attempt, track, null);
    } catch (error) {
      this.adoptCamera(attempt, null, mediaDeviceFailureOf(error));
    }
  }

  /**
   * The remembered device, else the browser's default: a remembered camera
   * that another app holds (or that is unplugged) should not leave the
   * person without one when another works. The choice stays remembered for
   * next time; a refusal is not retried (it would be refused again).
   */
  private async acquireRememberedOrDefault(kind: DeviceKind): Promise<MediaStreamTrack | null> {
    const request = async (deviceId: ConstrainDOMString | undefined) => {
      const constraints = this.constraints(kind, deviceId);
      const stream = await this.devices.getUserMedia(kind === 'camera' ? { video: constraints } : { audio: constraints });
      return (kind === 'camera' ? stream.getVideoTracks() : stream.getAudioTracks())[0] ?? null;
    };
    const remembered = this.rememberedId(kind);
    try {
      return await request(remembered);
    } catch (error) {
      if (remembered === undefined || mediaDeviceFailureOf(error) === MediaDeviceFailure.PermissionDenied) throw error;
      console.warn(`Parley: the chosen ${kind} could not start; trying the default one`, error);
      return request(undefined);
    }
  }

  private adoptMicrophone(attempt: number, track: MediaStreamTrack | null, failure: MediaDeviceFailure | null): void {
    // A microphone that arrives after close or after a newer request (a device chosen meanwhile) is stale.
    if (this.closed || attempt !== this.microphoneAttempt) {
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

  /**
   * Opens one device by exact id. A phone often cannot open a second camera
   * while one is open (NotReadableError); then the current track is stopped
   * first and the request repeated, accepting a short gap over no switch.
   */
  private async acquireDevice(kind: DeviceKind, deviceId: string, previous: MediaStreamTrack | null): Promise<MediaStreamTrack> {
    try {
      return await this.open(kind, deviceId);
    } catch (error) {
      if (!previous || mediaDeviceFailureOf(error) !== MediaDeviceFailure.DeviceInUse) throw error;
      previous.stop();
      return this.open(kind, deviceId);
    }
  }

  /** Reopens the device `stopped` came from, after a switch away from it failed. */
  private async reopen(kind: DeviceKind, stopped: MediaStreamTrack): Promise<MediaStreamTrack | null> {
    const deviceId = stopped.getSettings().deviceId;
    if (!deviceId) return null;
    try {
      return await this.open(kind, deviceId);
    } catch (error) {
      console.warn(`Parley: could not reopen the ${kind} after a failed switch`, error);
      return null;
    }
  }

  private async open(kind: DeviceKind, deviceId: string): Promise<MediaStreamTrack> {
    const constraints = this.constraints(kind, { exact: deviceId });
    const stream = await this.devices.getUserMedia(kind === 'camera' ? { video: constraints } : { audio: constraints });
    const track = (kind === 'camera' ? stream.getVideoTracks() : stream.getAudioTracks())[0];
    if (!track) throw new DOMException(`no ${kind} track`, 'NotFoundError');
    return track;
  }

  /** The constraints for `kind`, on the given device if any. */
  private constraints(kind: DeviceKind, deviceId: ConstrainDOMString | undefined): MediaTrackConstraints {
    const base = kind === 'camera' ? this.videoConstraints : this.audioConstraints;
    return deviceId === undefined ? base : { ...base, deviceId };
  }

  /**
   * The remembered device as an `ideal` id (never `exact`: a device that is
   * gone must not cost the person their camera): the listed device it
   * matches by id or label, else the remembered id itself.
   */
  private rememberedId(kind: DeviceKind, listed: DeviceLists = this.deviceList.lists()): ConstrainDOMString | undefined {
    const remembered = this.preferences.get(kind);
    if (!remembered) return undefined;
    return { ideal: findRemembered(remembered, listed[kind])?.deviceId ?? remembered.deviceId };
  }

  /**
   * After permission the browser names its devices, and a remembered device
   * whose id changed (site data cleared, another browser session) can be
   * found by its label: switch to it if that is not the device running.
   */
  private async followRememberedLabels(): Promise<void> {
    if (this.closed) return;
    const listed = await this.deviceList.refresh();
    for (const kind of ['microphone', 'camera'] as const) {
      const remembered = this.preferences.get(kind);
      const match = findRemembered(remembered, listed[kind]);
      const running = (kind === 'camera' ? this.camera() : this.microphone()).track;
      // Only a match by label is news: a device found by its id was already asked for (and may be busy).
      if (!match || match.deviceId === remembered?.deviceId || !running) continue;
      if (running.getSettings().deviceId !== match.deviceId) await this.useDevice(kind, match);
    }
  }

  /** A device unplugged or revoked mid-call: forget its track so the UI shows it as gone. */
  private onEnded(kind: 'microphone' | 'camera', track: MediaStreamTrack): void {
    const device = kind === 'microphone' ? this.microphoneSignal : this.cameraSignal;
    if (device().track === track) device.set({ track: null, failure: MediaDeviceFailure.Other });
  }
}
