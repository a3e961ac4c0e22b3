import { signal } from '@angular/core';
import type { IceCandidate, IceServer, Sdp, SubscriberOffer } from '@parley/protocol';
import { Subject, Subscription, catchError, concatMap, defer, EMPTY, finalize } from 'rxjs';
import { CandidateGate, rtcConfiguration, toWireCandidate, useIceServers } from './ice';
import type { PeerConnectionFactory } from './platform';
import { mapRemoteTracks, type RemoteTrack } from './remote-tracks';

/** What the subscriber needs from signaling; the call session wires it to `media.answer` and `media.trickle`. */
export interface SubscriberSignaling {
  answer(seq: number, answer: Sdp): Promise<void>;
  trickle(candidate: IceCandidate): void;
}

export interface SubscriberOptions {
  readonly iceServers: readonly IceServer[];
  readonly createPeerConnection: PeerConnectionFactory;
  readonly signaling: SubscriberSignaling;
  /** Called when an offer could not be applied; the queue carries on with the next one. */
  readonly onError: (error: unknown, offer: SubscriberOffer) => void;
}

/**
 * Owner of the participant's one subscriber RTCPeerConnection, which carries
 * every remote stream (Janus multistream). The gateway pushes a new offer
 * whenever streams come or go; each is applied strictly in arrival order,
 * one at a time (an offer's answer is sent before the next offer is touched),
 * because overlapping setRemoteDescription calls would corrupt the session.
 */
export class SubscriberConnection {
  private readonly pc: RTCPeerConnection;
  private readonly offers = new Subject<{ readonly offer: SubscriberOffer; readonly done: () => void }>();
  /** Who waits for a queued offer to be answered (or dropped). */
  private readonly waiting = new Set<() => void>();
  /** Who waits for ICE ({@link iceSettled}); closing lets them go. */
  private readonly iceWaiting = new Set<() => void>();
  private readonly queue: Subscription;
  private readonly candidates: CandidateGate;
  private readonly tracksSignal = signal<readonly RemoteTrack[]>([]);
  private readonly stateSignal = signal<RTCPeerConnectionState>('new');
  /**
   * The whole lifecycle: open, then closed for good. The order of offers is
   * the queue's (concatMap), so one flag says the rest; steps still under
   * way when it flips send and show nothing.
   */
  private closed = false;

  /** Every remote track currently received, with whose source it is. */
  readonly tracks = this.tracksSignal.asReadonly();
  /** The peer connection's state, for the status line. */
  readonly state = this.stateSignal.asReadonly();

  constructor(private readonly options: SubscriberOptions) {
    this.pc = options.createPeerConnection(rtcConfiguration(options.iceServers));
    this.candidates = new CandidateGate((candidate) => options.signaling.trickle(candidate));
    this.pc.onicecandidate = (event) => this.candidates.push(toWireCandidate(event.candidate));
    this.pc.onconnectionstatechange = () => this.stateSignal.set(this.pc.connectionState);
    this.queue = this.offers
      .pipe(
        concatMap(({ offer, done }) =>
          defer(() => this.apply(offer)).pipe(
            catchError((error: unknown) => {
              if (!this.closed) options.onError(error, offer);
              return EMPTY;
            }),
            finalize(done),
          ),
        ),
      )
      .subscribe();
  }

  /**
   * Queues an offer; it is applied after every offer queued before it has
   * been answered. Resolves once its answer is sent, or it failed (see
   * `onError`), or the connection closed first.
   */
  enqueue(offer: SubscriberOffer): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.waiting.delete(done);
        resolve();
      };
      this.waiting.add(done);
      this.offers.next({ offer, done });
    });
  }

  /**
   * Resolves once ICE has found a path to Janus (connected or completed),
   * once it cannot (failed, closed), or after `timeoutMs`, whichever comes
   * first. Chromium gathers candidates and opens their sockets through the
   * page's main thread: a long task (rendering the call view) right after
   * the answer held the first connectivity check back by 50–140 ms.
   */
  iceSettled(timeoutMs: number): Promise<void> {
    const settled = (): boolean => this.closed || !['new', 'checking'].includes(this.pc.iceConnectionState);
    if (settled()) return Promise.resolve();
    return new Promise((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.pc.removeEventListener('iceconnectionstatechange', check);
        this.iceWaiting.delete(finish);
        resolve();
      };
      const check = (): void => {
        if (settled()) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      this.iceWaiting.add(finish);
      this.pc.addEventListener('iceconnectionstatechange', check);
    });
  }

  /** The connection's current statistics (for the network-quality indicator); null once closed. */
  stats(): Promise<RTCStatsReport | null> {
    return this.closed ? Promise.resolve(null) : this.pc.getStats();
  }

  /** New ICE servers (fresh TURN credentials) for the next ICE gathering. */
  useIceServers(iceServers: readonly IceServer[]): void {
    useIceServers(this.pc, iceServers);
  }

  /** Drops queued offers and closes the peer connection. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue.unsubscribe();
    for (const done of [...this.waiting]) done();
    for (const finish of [...this.iceWaiting]) finish();
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.tracksSignal.set([]);
    this.stateSignal.set('closed');
  }

  private async apply({ seq, offer, streams }: SubscriberOffer): Promise<void> {
    await this.pc.setRemoteDescription(offer);
    const created = await this.pc.createAnswer();
    if (this.closed) return;
    // Janus becomes the DTLS client, as it is on publishers: it starts the handshake as soon as its
    // side of ICE is up. As the client, our ClientHello reached Janus before that and waited for a
    // retransmission (measured: DTLS done 93 ms after ICE connected, against 23 ms as the server).
    const answer: RTCSessionDescriptionInit = { type: 'answer', sdp: (created.sdp ?? '').replace(/^a=setup:active(?=\r?$)/gm, 'a=setup:passive') };
    // The answer leaves before it is applied (applying it starts our connectivity checks), and our
    // candidates follow it on the same socket without waiting for its ack: the Janus handle exists
    // (it made the offer) and Janus keeps candidates that come before the answer.
    const sent = this.options.signaling.answer(seq, { type: 'answer', sdp: answer.sdp ?? '' });
    sent.catch(() => undefined); // Awaited below, after applying.
    this.candidates.open();
    await this.pc.setLocalDescription(answer);
    if (this.closed) return;
    this.tracksSignal.set(mapRemoteTracks(streams, this.pc.getTransceivers()));
    await sent;
  }
}
