import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { JoinResult, RoomId } from '@parley/protocol';
import { ReplaySubject, Subject, type Observable } from 'rxjs';
import { SIMULCAST_ENCODINGS } from '../config/media-config';
import { SignalingClient, type PushPayload } from '../signaling/signaling-client';
import { SignalingError, describeError } from '../signaling/signaling-error';
import type { DeviceOption } from '../webrtc/device-list';
import { LocalMedia } from '../webrtc/local-media';
import type { DeviceKind, MediaDeviceFailure } from '../webrtc/media-device-failure';
import { PEER_CONNECTION_FACTORY } from '../webrtc/platform';
import type { PublishPlan, PublisherSource } from '../webrtc/publisher-connection';
import type { ScreenTracks } from '../webrtc/screen-capture';
import type { SubscriberOffer } from '../webrtc/subscriber-connection';
import { JoinAccess } from './join-access';
import { CallConnections } from './call-connections';
import { callStatus, type CallPhase, type CallStatus } from './call-phase';
import { MediaRecovery } from './media-recovery';
import { ParticipantsStore } from './participants-store';

/** How long "Leave call" waits for the gateway's ack before leaving anyway. */
const LEAVE_GRACE_MS = 1500;

/**
 * One person's meeting: joins through the gateway, publishes the local
 * camera and microphone, answers every subscriber offer, folds roster pushes
 * into the participants store, and tears it all down on leave.
 *
 * Provided by the room page, so everything it owns (socket, both peer
 * connections, devices) ends with that page. Every async step carries the
 * attempt it belongs to; a result from an older attempt (left, retried,
 * resumed meanwhile) is ignored.
 */
@Injectable()
export class CallSession {
  private readonly signaling = inject(SignalingClient);
  private readonly media = inject(LocalMedia);
  private readonly participants = inject(ParticipantsStore);
  private readonly access = inject(JoinAccess);
  private readonly connections = new CallConnections({
    signaling: this.signaling,
    createPeerConnection: inject(PEER_CONNECTION_FACTORY),
    encodings: inject(SIMULCAST_ENCODINGS),
  });

  private readonly phaseSignal = signal<CallPhase>({ kind: 'idle' });
  private readonly nameSignal = signal('');
  private intent: { readonly room: RoomId; readonly name: string } | null = null;
  private session: JoinResult | null = null;
  private attempt = 0;
  /** Set when the room page goes: nothing may open a socket after that. */
  private destroyed = false;
  /** Camera toggles run one after another, so a slow camera start cannot overtake a later "off". */
  private cameraQueue: Promise<void> = Promise.resolve();
  /** The screen being shared (its tracks belong to ScreenShare); put on every new publisher connection. */
  private screen: ScreenTracks | null = null;
  private readonly screenLostSubject = new Subject<unknown>();
  private readonly recovery = new MediaRecovery();

  /** Every successful join and rejoin, the latest replayed to late subscribers. */
  private readonly joinsSubject = new ReplaySubject<JoinResult>(1);

  readonly phase = this.phaseSignal.asReadonly();
  /**
   * Each join result, including every rejoin after a lost connection: what
   * features that start from the join (the chat's latest page, its outbox
   * flush) hook on. Replays the latest, so a store created after the first
   * join still starts from it.
   */
  readonly joins$: Observable<JoinResult> = this.joinsSubject.asObservable();
  /** The name this person joined with. */
  readonly name = this.nameSignal.asReadonly();
  /**
   * A shared screen could not go on a new publisher connection (after a
   * resume or an SFU restart; say someone else took the last share meanwhile):
   * the reason. The share has ended as far as the meeting is concerned.
   */
  readonly screenLost$: Observable<unknown> = this.screenLostSubject.asObservable();
  /** True while the call view (rather than the lobby) should show. */
  readonly inCall = computed(() => {
    const phase = this.phaseSignal();
    return phase.kind === 'joined' || phase.kind === 'rejoining' || (phase.kind === 'failed' && phase.inCall);
  });
  /** Remote tracks and whose they are. */
  readonly remoteTracks = computed(() => this.connections.remoteTracks());
  readonly status = computed<CallStatus | null>(() =>
    callStatus(this.phaseSignal(), {
      signaling: this.signaling.state(),
      signalingError: this.signaling.lastError(),
      publisher: this.connections.publisher()?.state(),
      subscriber: this.connections.subscriber()?.state(),
    }),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    const push = <T>(source: Observable<T>, handle: (value: T) => void): void => {
      source.pipe(takeUntilDestroyed(destroyRef)).subscribe(handle);
    };
    push(this.signaling.push('participant.joined'), (participant) =>
      this.participants.dispatch({ type: 'joined', participant }),
    );
    push(this.signaling.push('participant.updated'), (participant) =>
      this.participants.dispatch({ type: 'updated', participant }),
    );
    push(this.signaling.push('participant.left'), ({ participantId }) =>
      this.participants.dispatch({ type: 'left', participantId }),
    );
    push(this.signaling.push('media.offer'), (offer) => this.acceptOffer(offer));
    push(this.signaling.push('session.ended'), ({ reason }) => this.end({ kind: 'ended', reason }));
    push(this.signaling.push('lobby.decision'), (decision) => void this.lobbyDecided(decision));
    // Resume with the newest token: the one from the join expires (SESSION_TTL_SECONDS) while the call goes on.
    push(this.signaling.push('session.token'), ({ token }) => {
      if (this.session) this.session = { ...this.session, token };
    });
    // Fresh TURN credentials on long calls: for connections made (and ICE restarts done) from now on.
    push(this.signaling.push('session.ice_servers'), ({ iceServers }) => {
      if (!this.session) return;
      this.session = { ...this.session, iceServers };
      this.connections.useIceServers(iceServers);
    });
    push(this.signaling.resumed$, () => void this.resume());
    effect(() => {
      const publisher = this.connections.publisher()?.state();
      const subscriber = this.connections.subscriber()?.state();
      if (this.phaseSignal().kind !== 'joined') return;
      if (!untracked(() => this.recovery.shouldRecover(publisher, subscriber))) return;
      console.warn('Parley: the audio and video connection failed; reconnecting');
      void untracked(() => this.recoverMedia());
    });
    push(this.signaling.push('media.restart'), () => void this.restartMedia());
    destroyRef.onDestroy(() => {
      this.destroyed = true;
      this.close();
    });
  }

  /**
   * Connects to the gateway ahead of `join`, from the lobby: pressing "Join"
   * then costs one round trip, not a WebSocket handshake and one. The socket
   * carries no identity until `room.join`.
   */
  prepare(): void {
    // After the page's load event: Firefox aborts (and reports) a WebSocket opened while the page is still loading.
    const open = (): void => {
      if (!this.destroyed && this.phaseSignal().kind === 'idle') this.signaling.open();
    };
    if (document.readyState === 'complete') open();
    else window.addEventListener('load', open, { once: true });
  }

  /** Joins `room` as `name` with whatever devices work (or none, as a viewer). */
  async join(room: RoomId, name: string): Promise<void> {
    this.recovery.reset();
    this.intent = { room, name: name.trim() };
    this.nameSignal.set(name.trim());
    this.phaseSignal.set({ kind: 'joining' });
    await this.connect(++this.attempt);
  }

  /** "Try again": starts over with a fresh connection, keeping the devices. */
  async retry(): Promise<void> {
    if (!this.intent) return;
    this.recovery.reset();
    const inCall = this.inCall();
    const attempt = ++this.attempt;
    this.dropConnection();
    this.phaseSignal.set({ kind: inCall ? 'rejoining' : 'joining' });
    await this.connect(attempt);
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
    const session = this.session;
    if (!session || this.phaseSignal().kind !== 'joined') throw new SignalingError('session.not_joined', 'Not in the meeting');
    this.screen = screen;
    const refusal = await this.putScreenOn(this.connections.ensurePublisher(session), screen);
    if (refusal) throw refusal.error;
  }

  /** Stops publishing the screen; the camera and microphone carry on. */
  async stopScreen(): Promise<void> {
    this.screen = null;
    await this.connections.publisher()?.stopScreen();
  }

  /** "Leave call": tells the gateway (briefly), then releases everything. */
  async leave(): Promise<void> {
    this.attempt++;
    if (this.session) {
      const leaving = this.signaling.request('room.leave', {}).catch((error: unknown) => {
        console.warn('Parley: room.leave failed; leaving anyway', error);
      });
      await Promise.race([leaving, new Promise((resolve) => setTimeout(resolve, LEAVE_GRACE_MS))]);
    }
    this.end({ kind: 'left' });
  }

  /** Statistics of both peer connections (null for one that does not exist), for the network-quality indicators. */
  connectionStats(): Promise<{ publisher: RTCStatsReport | null; subscriber: RTCStatsReport | null }> {
    return this.connections.stats();
  }

  /** Releases the socket, both peer connections and the devices. Idempotent. */
  close(): void {
    this.attempt++;
    this.screen = null;
    this.dropConnection();
    this.media.close();
  }

  private async connect(attempt: number, resumeToken?: string): Promise<void> {
    const intent = this.intent;
    if (!intent) return;
    this.signaling.open();
    try {
      const result = await this.signaling.request('room.join', {
        room: intent.room,
        name: intent.name,
        ...(resumeToken ? { resumeToken } : this.access.credentials()),
      });
      if (attempt !== this.attempt) return;
      this.access.entered();
      this.session = result;
      this.participants.dispatch({ type: 'snapshot', self: result.self, others: result.participants });
      this.phaseSignal.set({ kind: 'joined' });
      this.joinsSubject.next(result);
      this.connections.flushEarlyOffers(result, this.offerFailed(attempt));
      await this.media.start();
      if (attempt !== this.attempt) return;
      await this.publish(result);
      if (attempt !== this.attempt) return;
      await this.announceMuteState();
    } catch (error) {
      if (attempt !== this.attempt) return;
      if (resumeToken && error instanceof SignalingError && (error.code === 'auth.invalid_token' || error.code === 'auth.meeting_ended')) {
        // The old identity is gone (expired, or its meeting ended): join as someone new.
        this.dropConnection();
        await this.connect(attempt);
        return;
      }
      this.access.refused(error);
      if (error instanceof SignalingError && error.code === 'lobby.waiting') {
        this.phaseSignal.set({ kind: 'waiting' });
        return;
      }
      this.fail(error);
    }
  }

  /** "Cancel" while waiting in the lobby, or the host's "no": stop knocking (closing the socket withdraws the knock). */
  stopWaiting(refusal?: SignalingError): void {
    if (this.phaseSignal().kind !== 'waiting') return;
    this.attempt++;
    this.dropConnection();
    if (refusal) this.fail(refusal);
    else this.phaseSignal.set({ kind: 'idle' });
  }

  /** A host answered our knock: join again with their admit token, or say they did not let us in. */
  private async lobbyDecided(decision: PushPayload<'lobby.decision'>): Promise<void> {
    if (this.phaseSignal().kind !== 'waiting') return;
    if (!decision.admitted || decision.admitToken === undefined) {
      this.stopWaiting(new SignalingError('lobby.denied', 'The host did not let you in'));
      return;
    }
    this.access.admitWith(decision.admitToken);
    this.phaseSignal.set({ kind: 'joining' });
    await this.connect(++this.attempt);
  }

  /** The socket came back after a loss: the gateway dropped our session, so resume it by token. */
  private async resume(): Promise<void> {
    // The gateway forgot our knock with the old socket: knock again.
    if (this.phaseSignal().kind === 'waiting') return this.connect(++this.attempt);
    const token = this.session?.token;
    if (!token || !this.inCall()) return;
    const attempt = ++this.attempt;
    this.dropMedia();
    this.session = null;
    this.phaseSignal.set({ kind: 'rejoining' });
    await this.connect(attempt, token);
  }

  /**
   * A peer connection failed mid-call (see {@link MediaRecovery}): resume on
   * a fresh socket, as after a lost one; the gateway gives the session fresh
   * SFU handles, and both connections start anew.
   */
  private async recoverMedia(): Promise<void> {
    const token = this.session?.token;
    if (!token) return;
    const attempt = ++this.attempt;
    this.dropConnection();
    this.phaseSignal.set({ kind: 'rejoining' });
    await this.connect(attempt, token);
  }

  /**
   * The SFU restarted (the gateway reconnected to Janus and rebuilt the room):
   * our peer connections are dead on its side. Publish again on a new
   * connection; the fresh subscriber offer arrives as a normal `media.offer`.
   */
  private async restartMedia(): Promise<void> {
    const session = this.session;
    if (!session || this.phaseSignal().kind !== 'joined') return;
    const attempt = this.attempt;
    this.dropMedia();
    try {
      await this.publish(session);
      if (attempt === this.attempt) await this.announceMuteState();
    } catch (error) {
      if (attempt === this.attempt) this.fail(error);
    }
  }

  private async publish(session: JoinResult): Promise<void> {
    const plan: PublishPlan = {};
    const microphone = this.media.microphone();
    const camera = this.media.camera();
    if (microphone.track) plan.microphone = microphone.track;
    // A camera that works but is switched off still gets its m-line, so switching it on needs no renegotiation.
    if (camera.track || (camera.failure === null && !this.media.cameraOn())) plan.camera = camera.track;
    const devices = plan.microphone !== undefined || plan.camera !== undefined;
    if (!devices && !this.screen) return; // Nothing to send: join as a viewer.
    const publisher = this.connections.ensurePublisher(session);
    if (devices) await publisher.publish(plan);
    // A screen shared before the connection was replaced goes on the new one; a refusal ends the share, not the call.
    const refusal = this.screen ? await this.putScreenOn(publisher, this.screen) : null;
    if (refusal) this.screenLostSubject.next(refusal.error);
  }

  /** Publishes `screen`; if that is refused, takes it back off and says why. */
  private async putScreenOn(
    publisher: ReturnType<CallConnections['ensurePublisher']>,
    screen: ScreenTracks,
  ): Promise<{ error: unknown } | null> {
    const refusal = await this.connections.putScreenOn(publisher, screen);
    if (refusal && this.screen === screen) this.screen = null;
    return refusal;
  }

  /** Sends a (new) local track; publishes it first if the source was not published yet. */
  private async send(source: PublisherSource, track: MediaStreamTrack | null): Promise<void> {
    const session = this.session;
    if (!session || this.phaseSignal().kind !== 'joined') return;
    try {
      await this.connections.ensurePublisher(session).setTrack(source, track);
    } catch (error) {
      this.fail(error);
    }
  }

  private acceptOffer(offer: SubscriberOffer): void {
    this.connections.acceptOffer(this.session, offer, this.offerFailed(this.attempt));
  }

  /**
   * What a failed subscriber offer does (unless it belongs to an older
   * attempt): reconnects mid-call while tries are left, else fails the call.
   */
  private offerFailed(attempt: number): (error: unknown) => void {
    return (error) => {
      if (attempt !== this.attempt) return;
      if (this.phaseSignal().kind === 'joined' && this.recovery.tryAgain()) {
        console.warn('Parley: a subscriber offer failed; reconnecting', error);
        void this.recoverMedia();
      } else {
        this.fail(error);
      }
    };
  }

  /** Tells everyone whether audio and video are actually being sent. */
  private async announceMuteState(): Promise<void> {
    if (!this.session || this.phaseSignal().kind !== 'joined') return;
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

  private fail(error: unknown): void {
    console.warn('Parley: call failed', error);
    this.phaseSignal.set({ kind: 'failed', message: describeError(error), inCall: this.inCall() });
  }

  private end(phase: Extract<CallPhase, { kind: 'left' | 'ended' }>): void {
    this.close();
    this.phaseSignal.set(phase);
  }

  private dropMedia(): void {
    this.connections.drop();
  }

  private dropConnection(): void {
    this.dropMedia();
    this.signaling.close();
    this.session = null;
  }
}
