import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type { JoinResult, RoomId } from '@parley/protocol';
import { ReplaySubject, type Observable } from 'rxjs';
import { SignalingClient, type PushPayload } from '../signaling/signaling-client';
import { SignalingError } from '../signaling/signaling-error';
import { LocalMedia } from '../webrtc/local-media';
import { CALL_CONNECTIONS_PROVIDER, CallConnections } from './call-connections';
import { callStatus, phaseFor, showsCall, transition, type CallEffect, type CallEvent, type CallPhase, type CallStatus, type EventDetail } from './call-phase';
import { CallPublishing } from './call-publishing';
import { JoinAccess } from './join-access';
import { MediaRecovery } from './media-recovery';
import { ParticipantsStore } from './participants-store';

/** How long "Leave call" waits for the gateway's ack before leaving anyway. */
const LEAVE_GRACE_MS = 1500;

/**
 * One person's meeting: joins through the gateway, has {@link CallPublishing}
 * send the devices, answers every subscriber offer, folds roster pushes into
 * the participants store, and tears it all down on leave. Every change of
 * phase goes through {@link dispatch}: the pure table in call-phase.ts says
 * where an event leads and which effects run. Every async step carries the
 * attempt it belongs to; a result from an older attempt is ignored. Provided
 * by the room page (CALL_PROVIDERS): it ends with that page.
 */
@Injectable()
export class CallSession {
  private readonly signaling = inject(SignalingClient);
  private readonly media = inject(LocalMedia);
  private readonly participants = inject(ParticipantsStore);
  private readonly access = inject(JoinAccess);
  private readonly connections = inject(CallConnections);
  private readonly publishing = inject(CallPublishing);
  private readonly destroyRef = inject(DestroyRef);
  private readonly recovery = new MediaRecovery();

  private readonly phaseSignal = signal<CallPhase>({ kind: 'idle' });
  private readonly nameSignal = signal('');
  private intent: { readonly room: RoomId; readonly name: string } | null = null;
  private session: JoinResult | null = null;
  private attempt = 0;
  /** What `join`/`retry`, the join's end and "Leave call" resolve with: the latest attempt, its publishing, the goodbye. */
  private attempted: Promise<void> = Promise.resolve();
  private published: Promise<void> = Promise.resolve();
  private goodbye: Promise<void> = Promise.resolve();
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
  /** True while the call view (rather than the lobby) should show. */
  readonly inCall = computed(() => showsCall(this.phaseSignal().kind));
  readonly status = computed<CallStatus | null>(() =>
    callStatus(this.phaseSignal(), {
      signaling: this.signaling.state(),
      signalingError: this.signaling.lastError(),
      publisher: this.connections.publisher()?.state(),
      subscriber: this.connections.subscriber()?.state(),
    }),
  );

  constructor() {
    this.publishing.bind({
      joined: () => (this.phaseSignal().kind === 'joined' ? this.session : null),
      fail: (error) => this.dispatch('failed', { error }),
    });
    const push = <T>(source: Observable<T>, handle: (value: T) => void): void => {
      source.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(handle);
    };
    push(this.signaling.push('participant.joined'), (participant) => this.participants.dispatch({ type: 'joined', participant }));
    push(this.signaling.push('participant.updated'), (participant) => this.participants.dispatch({ type: 'updated', participant }));
    push(this.signaling.push('participant.left'), ({ participantId }) => this.participants.dispatch({ type: 'left', participantId }));
    push(this.signaling.push('media.offer'), (offer) => void this.connections.acceptOffer(this.session, offer, this.offerFailed(this.attempt)));
    push(this.signaling.push('session.ended'), ({ reason }) => this.dispatch('ended', { reason }));
    push(this.signaling.push('lobby.decision'), (decision) => this.lobbyDecided(decision));
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
    // The gateway forgot our session (or our knock) with the old socket: resume it by token (or knock again).
    push(this.signaling.resumed$, () => {
      if (this.session?.token || this.phaseSignal().kind === 'waiting') this.dispatch('socket_back');
    });
    push(this.signaling.push('media.restart'), () => this.dispatch('sfu_restarted'));
    effect(() => {
      const publisher = this.connections.publisher()?.state();
      const subscriber = this.connections.subscriber()?.state();
      if (this.phaseSignal().kind !== 'joined') return;
      if (!untracked(() => this.recovery.shouldRecover(publisher, subscriber))) return;
      console.warn('Parley: the audio and video connection failed; reconnecting');
      untracked(() => this.dispatch('media_failed'));
    });
    this.destroyRef.onDestroy(() => this.close());
  }

  /**
   * Connects to the gateway ahead of `join`, from the lobby: pressing "Join"
   * then costs one round trip, not a WebSocket handshake and one. The socket
   * carries no identity until `room.join`.
   */
  prepare(): void {
    // After the page's load event: Firefox aborts (and reports) a WebSocket opened while the page is still loading.
    const open = (): void => {
      if (!this.destroyRef.destroyed && this.phaseSignal().kind === 'idle') this.signaling.open();
    };
    if (document.readyState === 'complete') open();
    else window.addEventListener('load', open, { once: true });
  }

  /**
   * Joins `room` as `name` with whatever devices work (or none, as a viewer).
   * Resolves once the attempt settled (joined and published, knocked, or failed).
   */
  join(room: RoomId, name: string): Promise<void> {
    this.recovery.reset();
    this.intent = { room, name: name.trim() };
    this.nameSignal.set(name.trim());
    this.dispatch('join');
    return this.attempted;
  }

  /** "Try again": starts over with a fresh connection, keeping the devices. */
  retry(): Promise<void> {
    if (!this.intent) return Promise.resolve();
    this.recovery.reset();
    this.dispatch('retry');
    return this.attempted;
  }

  /** "Cancel" while waiting in the lobby: stop knocking (closing the socket withdraws the knock). */
  cancelWaiting = (): void => this.dispatch('cancel');

  /** "Leave call": tells the gateway (briefly), then releases everything. */
  leave(): Promise<void> {
    this.dispatch('leave');
    return this.goodbye;
  }

  /** Releases the socket, both peer connections and the devices. Idempotent. */
  close(): void {
    this.attempt++;
    this.publishing.release();
    this.dropConnection();
    this.media.close();
  }

  /** Moves the phase by the table and runs the effects it names, in order. */
  private dispatch(event: CallEvent, detail: EventDetail = {}): void {
    const from = this.phaseSignal().kind;
    const { next, effects } = transition(from, event);
    if (next === from && effects.length === 0) return;
    const token = this.session?.token;
    if (next === 'failed' || next === 'failed_in_call') console.warn('Parley: call failed', detail.error);
    this.phaseSignal.set(phaseFor(next, detail));
    for (const effect of effects) this.run(effect, detail, token);
  }

  private run(effect: CallEffect, detail: EventDetail, token: string | undefined): void {
    switch (effect) {
      case 'new_attempt':
        this.attempt++;
        return;
      case 'drop_connection':
        return this.dropConnection();
      case 'drop_media':
        return this.connections.drop();
      case 'connect':
        this.attempted = this.connect(this.attempt);
        return;
      case 'resume':
        this.session = null;
        this.attempted = this.connect(this.attempt, token);
        return;
      case 'publish':
        this.published = this.publish(this.attempt);
        return;
      case 'say_goodbye':
        this.goodbye = this.sayGoodbye();
        return;
      case 'release':
        return this.close();
    }
  }

  private async connect(attempt: number, resumeToken?: string): Promise<void> {
    const intent = this.intent;
    if (!intent) return;
    this.signaling.open();
    const reply = this.signaling.request('room.join', {
      room: intent.room,
      name: intent.name,
      ...(resumeToken ? { resumeToken } : this.access.credentials()),
    });
    // While the gateway joins: the subscriber connection its first offer will need.
    this.connections.prepare(this.offerFailed(attempt));
    let result: JoinResult;
    try {
      result = await reply;
    } catch (error) {
      if (attempt !== this.attempt) return;
      // The old identity is gone (expired, or its meeting ended): join as someone new.
      if (resumeToken && error instanceof SignalingError && (error.code === 'auth.invalid_token' || error.code === 'auth.meeting_ended')) {
        return this.dispatch('token_gone');
      }
      this.access.refused(error);
      const knocked = error instanceof SignalingError && error.code === 'lobby.waiting';
      return this.dispatch(knocked ? 'knocked' : 'failed', { error });
    }
    if (attempt !== this.attempt) return;
    this.take(result);
    // The first offer is answered and its ICE connected before anything renders or publishes (CallConnections.open).
    await this.connections.open(result, this.offerFailed(attempt));
    if (attempt !== this.attempt) return;
    this.dispatch('entered');
    await this.published;
  }

  /** Takes the join result: the session, the roster, and the features that start from a join. */
  private take(result: JoinResult): void {
    this.access.entered();
    this.session = result;
    this.participants.dispatch({ type: 'snapshot', self: result.self, others: result.participants });
    this.joinsSubject.next(result);
  }

  /** Publishes the devices (once they are open) on a new connection and announces the mute state. */
  private async publish(attempt: number): Promise<void> {
    try {
      await this.media.start();
      const session = this.session;
      if (attempt !== this.attempt || !session) return;
      await this.publishing.publish(session);
      if (attempt === this.attempt) await this.publishing.announceMuteState();
    } catch (error) {
      if (attempt === this.attempt) this.dispatch('failed', { error });
    }
  }

  private async sayGoodbye(): Promise<void> {
    if (this.session) {
      const leaving = this.signaling.request('room.leave', {}).catch((error: unknown) => {
        console.warn('Parley: room.leave failed; leaving anyway', error);
      });
      await Promise.race([leaving, new Promise((resolve) => setTimeout(resolve, LEAVE_GRACE_MS))]);
    }
    this.dispatch('gone');
  }

  /** A host answered our knock: join again with their admit token, or say they did not let us in. */
  private lobbyDecided(decision: PushPayload<'lobby.decision'>): void {
    if (!decision.admitted || decision.admitToken === undefined) {
      return this.dispatch('denied', { error: new SignalingError('lobby.denied', 'The host did not let you in') });
    }
    if (this.phaseSignal().kind !== 'waiting') return;
    this.access.admitWith(decision.admitToken);
    this.dispatch('admitted');
  }

  /**
   * What a failed subscriber offer does (unless it belongs to an older
   * attempt): reconnects mid-call while tries are left, else fails the call.
   */
  private offerFailed(attempt: number): (error: unknown) => void {
    return (error) => {
      if (attempt !== this.attempt) return;
      const kind = this.phaseSignal().kind;
      if ((kind === 'joined' || kind === 'joining') && this.recovery.tryAgain()) {
        console.warn('Parley: a subscriber offer failed; reconnecting', error);
        this.dispatch('media_failed');
      } else {
        this.dispatch('failed', { error });
      }
    };
  }

  private dropConnection(): void {
    this.connections.drop();
    this.signaling.close();
    this.session = null;
  }
}

/** What a room page provides for one call: its connections, what it sends, and the session driving both. */
export const CALL_PROVIDERS = [CALL_CONNECTIONS_PROVIDER, CallPublishing, CallSession];
