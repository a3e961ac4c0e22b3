import { DestroyRef, Injectable, computed, inject, signal } from '@angular/core';
import { AUDIO_CONSTRAINTS, VIDEO_CONSTRAINTS } from '../config/media-config';
import { DeviceList, type DeviceOption } from './device-list';
import { DevicePreferences, findRemembered } from './device-preferences';
import { LocalDevice, type DeviceSwitch, type LocalDeviceOptions } from './local-device';
import type { DeviceKind } from './media-device-failure';
import { MEDIA_DEVICES } from './platform';

export type { DeviceState, DeviceSwitch } from './local-device';

/**
 * The person's own camera and microphone, from the lobby preview to the end
 * of the call: one {@link LocalDevice} each (muting the microphone disables
 * its track; turning the camera off stops it so the light goes out, and the
 * publisher swaps a new one in with `replaceTrack`). What is about both
 * lives here: the first acquisition asks for both at once (one permission
 * prompt), and remembered devices are followed by label once the browser
 * names them (DevicePreferences).
 *
 * Provided per meeting, so leaving releases the devices.
 */
@Injectable()
export class LocalMedia {
  private readonly deviceList = inject(DeviceList);
  private readonly preferences = inject(DevicePreferences);
  private readonly devices = inject(MEDIA_DEVICES);
  private readonly microphoneDevice = this.device({ kind: 'microphone', constraints: inject(AUDIO_CONSTRAINTS), off: 'disable' });
  private readonly cameraDevice = this.device({ kind: 'camera', constraints: inject(VIDEO_CONSTRAINTS), off: 'stop' });
  private readonly startingSignal = signal(false);
  private startup: Promise<void> | null = null;
  private closed = false;

  readonly microphone = this.microphoneDevice.state;
  readonly camera = this.cameraDevice.state;
  /** The person's choice; the microphone may still be absent. */
  readonly microphoneOn = this.microphoneDevice.on;
  /** The person's choice; the camera may still be absent. */
  readonly cameraOn = this.cameraDevice.on;
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
    const cameraAttempt = this.cameraDevice.claim();
    const microphoneAttempt = this.microphoneDevice.claim();
    try {
      // Before permission the list may lack ids and labels; then the remembered id is still asked for.
      const listed = await this.deviceList.refresh();
      try {
        const stream = await this.devices.getUserMedia({
          audio: this.microphoneDevice.rememberedConstraints(listed.microphone),
          video: this.cameraDevice.rememberedConstraints(listed.camera),
        });
        this.microphoneDevice.adopt(microphoneAttempt, stream.getAudioTracks()[0] ?? null);
        this.cameraDevice.adopt(cameraAttempt, stream.getVideoTracks()[0] ?? null);
      } catch {
        // The combined request cannot say which device failed: ask for each on its own.
        await this.microphoneDevice.acquire(microphoneAttempt);
        await this.cameraDevice.acquire(cameraAttempt);
      }
      await this.followRememberedLabels();
    } finally {
      this.startingSignal.set(false);
    }
  }

  /**
   * Moves `kind` to the device `option` and remembers the choice; see
   * {@link LocalDevice.useDevice}. `handOver` gets the new track before the
   * old one stops (the publisher's replaceTrack). A camera that is off is
   * only remembered: turning it on uses the chosen device.
   */
  useDevice(
    kind: DeviceKind,
    option: DeviceOption,
    handOver: (track: MediaStreamTrack) => Promise<void> = () => Promise.resolve(),
  ): Promise<DeviceSwitch> {
    return this.deviceOf(kind).useDevice(option, handOver);
  }

  /** Mutes or unmutes by enabling the track; nothing is renegotiated or re-acquired. */
  setMicrophoneOn(on: boolean): void {
    // A `disable` device applies the choice before its promise; it never rejects.
    void this.microphoneDevice.setOn(on);
  }

  /**
   * Turns the camera off (stopping the track) or on (acquiring a new one).
   * Resolves with the track to send now: null when off or when acquiring failed.
   */
  setCameraOn(on: boolean): Promise<MediaStreamTrack | null> {
    return this.cameraDevice.setOn(on);
  }

  /** Tries again to start the microphone after a failure. */
  retryMicrophone(): Promise<MediaStreamTrack | null> {
    return this.microphoneDevice.retry();
  }

  /** Stops every track. Idempotent; the devices are released for good. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.microphoneDevice.close();
    this.cameraDevice.close();
  }

  private device(options: Pick<LocalDeviceOptions, 'kind' | 'constraints' | 'off'>): LocalDevice {
    const listed = () => this.deviceList.lists()[options.kind];
    return new LocalDevice({ ...options, devices: this.devices, preferences: this.preferences, listed });
  }

  private deviceOf(kind: DeviceKind): LocalDevice {
    return kind === 'camera' ? this.cameraDevice : this.microphoneDevice;
  }

  /**
   * After permission the browser names its devices, and a remembered device
   * whose id changed (site data cleared, another browser session) can be
   * found by its label: switch to it if that is not the device running.
   */
  private async followRememberedLabels(): Promise<void> {
    if (this.closed) return;
    const listed = await this.deviceList.refresh();
    for (const device of [this.microphoneDevice, this.cameraDevice]) {
      const remembered = this.preferences.get(device.kind);
      const match = findRemembered(remembered, listed[device.kind]);
      const running = device.state().track;
      // Only a match by label is news: a device found by its id was already asked for (and may be busy).
      if (!match || match.deviceId === remembered?.deviceId || !running) continue;
      if (running.getSettings().deviceId !== match.deviceId) await device.useDevice(match);
    }
  }
}
