import { computed, inject, signal, type Provider } from '@angular/core';
import type { IceCandidate, IceServer, JoinResult, SubscriberOffer } from '@parley/protocol';
import { SIMULCAST_ENCODINGS } from '../config/media-config';
import { SignalingClient } from '../signaling/signaling-client';
import { PEER_CONNECTION_FACTORY, type PeerConnectionFactory } from '../webrtc/platform';
import { PublisherConnection } from '../webrtc/publisher-connection';
import type { ScreenTracks } from '../webrtc/screen-capture';
import { SubscriberConnection } from '../webrtc/subscriber-connection';

/**
 * How long the first render waits for the subscriber's ICE (see
 * SubscriberConnection.iceSettled). On one machine ICE connects 5–10 ms
 * after the answer; over a TURN relay it can take longer, and the call view
 * renders anyway.
 */
export const ICE_HEAD_START_MS = 300;

export interface CallConnectionsOptions {
  readonly signaling: SignalingClient;
  readonly createPeerConnection: PeerConnectionFactory;
  readonly encodings: readonly RTCRtpEncodingParameters[];
}

/**
 * The two peer connections of one joined session: the publisher (created on
 * first use) and the multistream subscriber (created by the first
 * `media.offer`), wired to the gateway's `media.*` requests. Offers pushed
 * before the join ack (which carries the ICE servers) wait here until it.
 * Knows nothing of phases or attempts: the call session decides when to
 * create, and when to drop, both.
 */
export class CallConnections {
  private readonly publisherSignal = signal<PublisherConnection | null>(null);
  private readonly subscriberSignal = signal<SubscriberConnection | null>(null);
  /** Offers pushed before the join ack (and its ICE servers) arrived. */
  private earlyOffers: SubscriberOffer[] = [];
  /** Who hears a subscriber offer that failed: the latest attempt's handler. */
  private offerFailed: (error: unknown) => void = () => undefined;

  readonly publisher = this.publisherSignal.asReadonly();
  readonly subscriber = this.subscriberSignal.asReadonly();
  /** Remote tracks and whose they are. */
  readonly remoteTracks = computed(() => this.subscriberSignal()?.tracks() ?? []);

  constructor(private readonly options: CallConnectionsOptions) {}

  /** The publisher connection, created on first use with the session's ICE servers. */
  ensurePublisher(session: JoinResult): PublisherConnection {
    const existing = this.publisherSignal();
    if (existing) return existing;
    const { signaling } = this.options;
    const publisher = new PublisherConnection({
      iceServers: session.iceServers,
      encodings: this.options.encodings,
      createPeerConnection: this.options.createPeerConnection,
      signaling: {
        publish: async (offer, tracks, ridOrder) =>
          (await signaling.request('media.publish', { offer, tracks: [...tracks], ...(ridOrder ? { ridOrder } : {}) })).answer,
        trickle: (candidate) => this.trickle('publisher', candidate),
      },
    });
    this.publisherSignal.set(publisher);
    return publisher;
  }

  /**
   * Creates the subscriber connection while the join is under way,
   * so the first offer finds it ready; the ICE servers follow with the reply
   * ({@link open}), before any candidate is gathered.
   */
  prepare(onError: (error: unknown) => void): void {
    this.offerFailed = onError;
    if (!this.subscriberSignal()) this.subscriberSignal.set(this.createSubscriber([]));
  }

  /**
   * Applies a subscriber offer (creating the connection if it was not
   * prepared), or keeps it for {@link open} while there is no session yet
   * (the push overtook the join reply). `onError` hears an offer that
   * failed. Resolves once it is answered (or failed, or dropped).
   */
  acceptOffer(session: JoinResult | null, offer: SubscriberOffer, onError: (error: unknown) => void): Promise<void> {
    if (!session) {
      this.earlyOffers.push(offer);
      return Promise.resolve();
    }
    this.offerFailed = onError;
    let subscriber = this.subscriberSignal();
    if (!subscriber) {
      subscriber = this.createSubscriber(session.iceServers);
      this.subscriberSignal.set(subscriber);
    }
    return subscriber.enqueue(offer);
  }

  /**
   * The join reply: the session's ICE servers for the prepared connection,
   * then its first offer and any pushed before it, in order. Resolves once
   * they are answered and ICE has found its path to Janus (at most
   * {@link ICE_HEAD_START_MS} later): the call view renders then without
   * holding up either (see SubscriberConnection.iceSettled).
   */
  open(session: JoinResult, onError: (error: unknown) => void): Promise<void> {
    const offers = [...(session.offer ? [session.offer] : []), ...this.earlyOffers];
    this.earlyOffers = [];
    if (offers.length === 0) {
      // Nobody publishes yet: no connection idles until someone does (the first push creates it).
      this.subscriberSignal()?.close();
      this.subscriberSignal.set(null);
      return Promise.resolve();
    }
    this.subscriberSignal()?.useIceServers(session.iceServers);
    return Promise.all(offers.map((offer) => this.acceptOffer(session, offer, onError))).then(() =>
      this.subscriberSignal()?.iceSettled(ICE_HEAD_START_MS),
    );
  }

  /** Publishes `screen`; if that is refused, takes it back off and says why (null when it went on). */
  async putScreenOn(publisher: PublisherConnection, screen: ScreenTracks): Promise<{ error: unknown } | null> {
    try {
      await publisher.startScreen(screen);
      return null;
    } catch (error) {
      await publisher.stopScreen().catch((cleanup: unknown) => console.warn('Parley: could not take the screen back off', cleanup));
      return { error };
    }
  }

  /** Fresh ICE servers (new TURN credentials) for both connections' next ICE gathering. */
  useIceServers(iceServers: readonly IceServer[]): void {
    this.publisherSignal()?.useIceServers(iceServers);
    this.subscriberSignal()?.useIceServers(iceServers);
  }

  /** Statistics of both peer connections (null for one that does not exist). */
  async stats(): Promise<{ publisher: RTCStatsReport | null; subscriber: RTCStatsReport | null }> {
    const [publisher, subscriber] = await Promise.all([
      this.publisherSignal()?.stats() ?? Promise.resolve(null),
      this.subscriberSignal()?.stats() ?? Promise.resolve(null),
    ]);
    return { publisher, subscriber };
  }

  /** Closes both connections and forgets waiting offers. Idempotent. */
  drop(): void {
    this.publisherSignal()?.close();
    this.subscriberSignal()?.close();
    this.publisherSignal.set(null);
    this.subscriberSignal.set(null);
    this.earlyOffers = [];
  }

  private createSubscriber(iceServers: readonly IceServer[]): SubscriberConnection {
    const { signaling } = this.options;
    return new SubscriberConnection({
      iceServers,
      createPeerConnection: this.options.createPeerConnection,
      signaling: {
        answer: async (seq, answer) => {
          await signaling.request('media.answer', { seq, answer });
        },
        trickle: (candidate) => this.trickle('subscriber', candidate),
      },
      onError: (error) => this.offerFailed(error),
    });
  }

  private trickle(pc: 'publisher' | 'subscriber', candidate: IceCandidate): void {
    this.options.signaling.request('media.trickle', { pc, candidate }).catch((error: unknown) => {
      // A lost candidate is survivable (others, or peer-reflexive ones, still connect); a broken call shows elsewhere.
      console.warn(`Parley: could not send a ${pc} ICE candidate`, error);
    });
  }
}

/** Provides the call's connections, wired to the page's socket, peer-connection factory and simulcast layers. */
export const CALL_CONNECTIONS_PROVIDER: Provider = {
  provide: CallConnections,
  useFactory: () =>
    new CallConnections({
      signaling: inject(SignalingClient),
      createPeerConnection: inject(PEER_CONNECTION_FACTORY),
      encodings: inject(SIMULCAST_ENCODINGS),
    }),
};
