import { Injectable, inject } from '@angular/core';
import type { JoinResult } from '@parley/protocol';
import { Subject, type Observable } from 'rxjs';
import { SignalingClient } from '../signaling/signaling-client';
import { SignalingError } from '../signaling/signaling-error';
import type { DeviceOption } from '../webrtc/device-list';
import { LocalMedia } from '../webrtc/local-media';
import type { DeviceKind, MediaDeviceFailure } from '../webrtc/media-device-failure';
import type { PublishPlan, PublisherConnection, PublisherSource } from '../webrtc/publisher-connection';
import type { ScreenTracks } from '../webrtc/screen-capture';
import { CallConnections } from './call-connections';
import { ParticipantsStore } from './participants-store';

/** What publishing needs from the call session: the session while joined, and how to fail the call. */
export interface PublishingContext {
  /** The join result while the phase is `joined`; null otherwise (nothing is sent then). */
  readonly joined: () => JoinResult | null;
  readonly fail: (error: unknown) => void;
}

/**
 * What this person sends: the microphone, the camera and a shared screen on
 * the publisher connection, and the mute state everyone is told. Device
 * toggles and switches work in the lobby (on the local tracks) and mid-call
 * (replaceTrack on the publisher, no renegotiation). Camera toggles and
 * switches run one after another, so a slow camera start cannot overtake a
 * later "off".
 */
@Injectable()
export class CallPublishing {
  private readonly signaling = inject(SignalingClient);
  private readonly media = inject(LocalMedia);
  private readonly participants = inject(ParticipantsStore);
  private readonly connections = inject(CallConnections);
  private context: PublishingContext = { joined: () => null, fail: () => undefined };
  private cameraQueue: Promise<void> = Promise.resolve();
  /** The screen being shared (its tracks belong to ScreenShare); put on every new publisher connection. */
  private screen: ScreenTracks | null = null;
  private readonly screenLostSubject = new Subject<unknown>();

  /**
   * A shared screen could not go on a new publisher connection (after a
   * resume or an SFU restart; say someone else took the last share meanwhile):
   * the reason. The share has ended as far as the meeting is concerned.
   */
  readonly screenLost$: Observable<unknown> = this.screenLostSubject.asObservable();

  /** Called once by the call session. */
  bind(context: PublishingContext): void {
    this.context = context;
  }

  async toggleMicrophone(): Promise<void> {
    // From what is actually sent, so a microphone that failed to start reads as "off" and a press retries it.
    const on = !this.media.sendingAudio();
    this.media.setMicrophoneOn(on);
    if (on && !this.media.microphone().track) {
      // Unmuting a microphone that failed to start is the natural "try again".
      const track = await this.media.retryMicrophone();
      if (track) await this.send('microphone', track);
    }
    await this.announceMuteState();
  }

  toggleCamera(): Promise<void> {
    const run = this.cameraQueue.then(async () => {
      const track = await this.media.setCameraOn(!this.media.sendingVideo());
      if (track || this.connections.publisher()?.has('camera')) await this.send('camera', track);
      await this.announceMuteState();
    });
    this.cameraQueue = run.catch((error: unknown) => console.warn('Parley: camera toggle failed', error));
    return this.cameraQueue;
  }

  /**
   * Moves the microphone or camera to another device, in the lobby or mid-call.
   * Mid-call the new track replaces the old on the same sender (replaceTrack:
   * no renegotiation, the call does not drop), then the old track stops.
   * Camera switches queue with camera toggles. Resolves with why the device
   * could not be used, or null.
   */
  useDevice(kind: DeviceKind, option: DeviceOption): Promise<MediaDeviceFailure | null> {
    const run = async (): Promise<MediaDeviceFailure | null> => {
      const result = await this.media.useDevice(kind, option, (track) => this.send(kind, track));
      // A device that started working (or stopped) changes what the others are told.
      await this.announceMuteState();
      return result.failure;
    };
    if (kind === 'microphone') return run();
    const switched = this.cameraQueue.then(run);
    this.cameraQueue = switched.then(
      () => undefined,
      (error: unknown) => console.warn('Parley: camera switch failed', error),
    );
    return switched;
  }

  /**
   * Publishes a captured screen beside the camera (creating the publisher
   * connection for someone who joined without devices). A refusal (such as
   * `media.share_limit`) takes the screen back off before it rejects.
   */
  async shareScreen(screen: ScreenTracks): Promise<void> {
    const session = this.context.joined();
    if (!session) throw new SignalingError('session.not_joined', 'Not in the meeting');
    this.screen = screen;
    const refusal = await this.putScreenOn(this.connections.ensurePublisher(session), screen);
    if (refusal) throw refusal.error;
  }

  /** Stops publishing the screen; the camera and microphone carry on. */
  async stopScreen(): Promise<void> {
    this.screen = null;
    await this.connections.publisher()?.stopScreen();
  }

  /**
   * Publishes what works on the session's publisher connection (none: joins
   * as a viewer), and a screen shared before the connection was replaced; a
   * refused screen ends the share, not the call.
   */
  async publish(session: JoinResult): Promise<void> {
    const plan: PublishPlan = {};
    const microphone = this.media.microphone();
    const camera = this.media.camera();
    if (microphone.track) plan.microphone = microphone.track;
    // A camera that works but is switched off still gets its m-line, so switching it on needs no renegotiation.
    if (camera.track || (camera.failure === null && !this.media.cameraOn())) plan.camera = camera.track;
    const devices = plan.microphone !== undefined || plan.camera !== undefined;
    if (devices || this.screen) {
      const publisher = this.connections.ensurePublisher(session);
      if (devices) await publisher.publish(plan);
      const refusal = this.screen ? await this.putScreenOn(publisher, this.screen) : null;
      if (refusal) this.screenLostSubject.next(refusal.error);
    }
  }

  /** Tells everyone whether audio and video are actually being sent. */
  async announceMuteState(): Promise<void> {
    if (!this.context.joined()) return;
    try {
      const self = await this.signaling.request('participant.update', {
        audioMuted: !this.media.sendingAudio(),
        videoMuted: !this.media.sendingVideo(),
      });
      this.participants.dispatch({ type: 'updated', participant: self });
    } catch (error) {
      console.warn('Parley: could not announce mute state', error);
    }
  }

  /** Forgets the shared screen (the call ends; its tracks belong to ScreenShare). */
  release(): void {
    this.screen = null;
  }

  /** Publishes `screen`; if that is refused, takes it back off and says why. */
  private async putScreenOn(publisher: PublisherConnection, screen: ScreenTracks): Promise<{ error: unknown } | null> {
    const refusal = await this.connections.putScreenOn(publisher, screen);
    if (refusal && this.screen === screen) this.screen = null;
    return refusal;
  }

  /** Sends a (new) local track; publishes it first if the source was not published yet. */
  private async send(source: PublisherSource, track: MediaStreamTrack | null): Promise<void> {
    const session = this.context.joined();
    if (!session) return;
    try {
      await this.connections.ensurePublisher(session).setTrack(source, track);
    } catch (error) {
      this.context.fail(error);
    }
  }
}
