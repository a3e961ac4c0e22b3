import { signal } from '@angular/core';
import type { DeviceOption } from './device-list';
import { findRemembered, type DevicePreferences } from './device-preferences';
import { DeviceRequest } from './device-request';
import { MediaDeviceFailure, mediaDeviceFailureOf, type DeviceKind } from './media-device-failure';
import type { MediaDevicesPort } from './platform';

/** One local device as the UI sees it. */
export interface DeviceState {
  /** The live track, or null while off or unavailable. */
  readonly track: MediaStreamTrack | null;
  /** Why the device could not be started, or null. */
  readonly failure: MediaDeviceFailure | null;
}

/** How a device switch went: the track to send now (null when nothing changed), or why it failed. */
export interface DeviceSwitch {
  readonly track: MediaStreamTrack | null;
  readonly failure: MediaDeviceFailure | null;
}

const NOTHING: DeviceState = { track: null, failure: null };

/** What a {@link LocalDevice} is and what it needs; the camera and the microphone differ only here. */
export interface LocalDeviceOptions {
  readonly kind: DeviceKind;
  /** The getUserMedia constraints, before a device id is added. */
  readonly constraints: MediaTrackConstraints;
  /**
   * What "off" means. `disable` (the microphone): the track is disabled, instant and kept warm.
   * `stop` (the camera): the track stops so the light goes out, "on" acquires a new one, and
   * results that arrive while off are discarded.
   */
  readonly off: 'disable' | 'stop';
  readonly devices: MediaDevicesPort;
  readonly preferences: Pick<DevicePreferences, 'get' | 'remember'>;
  /** The devices of this kind the browser lists now. */
  readonly listed: () => readonly DeviceOption[];
}

/**
 * One camera or microphone: its track or failure, the person's on/off
 * choice, and every way of getting a track (remembered device or default,
 * an explicit switch, a reopen after a failed one). Each request claims an
 * attempt id; a getUserMedia result whose attempt is no longer the latest is
 * stopped, never adopted. A plain class: LocalMedia owns one per kind.
 */
export class LocalDevice {
  private readonly stateSignal = signal<DeviceState>(NOTHING);
  private readonly onSignal = signal(true);
  private readonly requests: DeviceRequest;
  private attempt = 0;
  private closed = false;

  /** The track or why there is none. */
  readonly state = this.stateSignal.asReadonly();
  /** The person's choice; the device may still be absent. */
  readonly on = this.onSignal.asReadonly();

  constructor(private readonly options: LocalDeviceOptions) {
    this.requests = new DeviceRequest(options.kind, options.devices, options.constraints);
  }

  /** Which device this is. */
  get kind(): DeviceKind {
    return this.options.kind;
  }

  /** Claims the next attempt: results of every earlier one are discarded from now on. */
  claim(): number {
    return ++this.attempt;
  }

  /** Takes the track (or failure) got under `attempt`; stops it instead if stale, closed, or (`stop`) off. */
  adopt(attempt: number, track: MediaStreamTrack | null, failure: MediaDeviceFailure | null = null): void {
    if (!this.accepts(attempt)) {
      track?.stop();
      return;
    }
    if (track) {
      track.enabled = this.on();
      track.addEventListener('ended', () => this.onEnded(track), { once: true });
    }
    this.stateSignal.set({ track, failure });
  }

  /** Acquires the remembered device or the default under `attempt`, adopting the track or the failure. */
  async acquire(attempt: number): Promise<void> {
    try {
      this.adopt(attempt, await this.requests.rememberedOrDefault(this.rememberedId(this.options.listed())));
    } catch (error) {
      this.adopt(attempt, null, mediaDeviceFailureOf(error));
    }
  }

  /** Tries again to start the device if it has no track; resolves with the track it has then. */
  async retry(): Promise<MediaStreamTrack | null> {
    if (!this.state().track) await this.acquire(this.claim());
    return this.state().track;
  }

  /**
   * Records the on/off choice and applies it as `off` says. Resolves with
   * the track to send now: null when off (`stop`) or when acquiring failed.
   * A `disable` device applies the choice before returning its promise.
   */
  async setOn(on: boolean): Promise<MediaStreamTrack | null> {
    this.onSignal.set(on);
    if (this.options.off === 'disable') {
      const track = this.state().track;
      if (track) track.enabled = on;
      return track;
    }
    const attempt = this.claim();
    if (!on) {
      this.state().track?.stop();
      this.stateSignal.set(NOTHING);
      return null;
    }
    if (this.state().track) return this.state().track;
    await this.acquire(attempt);
    return attempt === this.attempt ? this.state().track : null;
  }

  /**
   * Moves to the device `option` and remembers the choice. The new track is
   * acquired (by exact id, so no other device stands in) before the old one
   * stops, so a failed switch leaves the current device working; `handOver`
   * gets the new track first (the publisher's replaceTrack), and only then
   * does the old track stop. A `stop` device that is off is only
   * remembered: turning it on uses the chosen device.
   */
  async useDevice(option: DeviceOption, handOver: (track: MediaStreamTrack) => Promise<void> = () => Promise.resolve()): Promise<DeviceSwitch> {
    if (this.closed) return NOTHING;
    if (this.options.off === 'stop' && !this.on()) {
      this.options.preferences.remember(this.kind, option);
      return NOTHING;
    }
    const attempt = this.claim();
    const previous = this.state().track;
    let track: MediaStreamTrack | null;
    let failure: MediaDeviceFailure | null = null;
    try {
      track = await this.requests.exact(option.deviceId, previous);
    } catch (error) {
      failure = mediaDeviceFailureOf(error);
      // The busy retry stopped the working device: bring it back rather than leave none.
      track = previous?.readyState === 'ended' ? await this.requests.reopen(previous) : null;
      if (!track) {
        // A device that had no track says why; a working one keeps working.
        const current = this.state().track;
        if (attempt === this.attempt && (!current || current.readyState === 'ended')) this.stateSignal.set({ track: null, failure });
        return { track: null, failure };
      }
    }
    if (!this.accepts(attempt)) {
      track.stop();
      return { track: null, failure };
    }
    this.adopt(attempt, track);
    if (!failure) this.options.preferences.remember(this.kind, option);
    try {
      await handOver(track);
    } finally {
      if (previous !== track) previous?.stop();
    }
    return { track, failure };
  }

  /**
   * The constraints that ask for the remembered device as an `ideal` id
   * (never `exact`: a device that is gone must not cost the person theirs):
   * the listed device it matches by id or label, else the remembered id itself.
   */
  rememberedConstraints(listed: readonly DeviceOption[]): MediaTrackConstraints {
    return this.requests.constraints(this.rememberedId(listed));
  }

  /** Stops the track. Idempotent; the device is released for good and later results are discarded. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.attempt++;
    this.state().track?.stop();
    this.stateSignal.set(NOTHING);
  }

  /** Whether a result of `attempt` may still be adopted. */
  private accepts(attempt: number): boolean {
    return !this.closed && attempt === this.attempt && (this.options.off === 'disable' || this.on());
  }

  private rememberedId(listed: readonly DeviceOption[]): ConstrainDOMString | undefined {
    const remembered = this.options.preferences.get(this.kind);
    if (!remembered) return undefined;
    return { ideal: findRemembered(remembered, listed)?.deviceId ?? remembered.deviceId };
  }

  /** A device unplugged or revoked mid-call: forget its track so the UI shows it as gone. */
  private onEnded(track: MediaStreamTrack): void {
    if (this.state().track === track) this.stateSignal.set({ track: null, failure: MediaDeviceFailure.Other });
  }
}
