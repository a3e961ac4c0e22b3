import { signal } from '@angular/core';
import type { IceCandidate, IceServer, MediaSource, PublishedTrack, RidOrder, Sdp } from '@parley/protocol';
import { CandidateGate, rtcConfiguration, toWireCandidate, useIceServers } from './ice';
import type { PeerConnectionFactory } from './platform';
import { simulcastRidOrder } from './rid-order';
import { SCREEN_ENCODING, type ScreenTracks } from './screen-capture';

/** What the publisher needs from signaling; the call session wires it to `media.publish` and `media.trickle`. */
export interface PublisherSignaling {
  /** `ridOrder` says how the offer lists its simulcast layers (absent without simulcast). */
  publish(offer: Sdp, tracks: readonly PublishedTrack[], ridOrder?: RidOrder): Promise<Sdp>;
  trickle(candidate: IceCandidate): void;
}

export interface PublisherOptions {
  readonly iceServers: readonly IceServer[];
  readonly encodings: readonly RTCRtpEncodingParameters[];
  readonly createPeerConnection: PeerConnectionFactory;
  readonly signaling: PublisherSignaling;
}

/** The local sources a publisher can send. */
export type PublisherSource = Extract<MediaSource, 'microphone' | 'camera'>;

/**
 * What to publish: per source, the track to send, `null` for "send this
 * source but nothing yet" (a camera that is off), or absent for "this source
 * does not exist".
 */
export type PublishPlan = Partial<Record<PublisherSource, MediaStreamTrack | null>>;

/**
 * Owner of the participant's one publisher RTCPeerConnection: send-only
 * audio plus camera video with simulcast (three rid layers, as janus.js
 * does), and a shared screen beside them. Mute and camera toggles swap
 * tracks with `replaceTrack`; only a source that was not published yet, or
 * a screen share starting or stopping, costs a renegotiation.
 */
export class PublisherConnection {
  private readonly pc: RTCPeerConnection;
  private readonly transceivers = new Map<MediaSource, RTCRtpTransceiver>();
  private readonly candidates: CandidateGate;
  private readonly stateSignal = signal<RTCPeerConnectionState>('new');
  private negotiation: Promise<void> = Promise.resolve();
  private closed = false;

  /** The peer connection's state, for the status line. */
  readonly state = this.stateSignal.asReadonly();

  constructor(private readonly options: PublisherOptions) {
    this.pc = options.createPeerConnection(rtcConfiguration(options.iceServers));
    this.candidates = new CandidateGate((candidate) => options.signaling.trickle(candidate));
    this.pc.onicecandidate = (event) => this.candidates.push(toWireCandidate(event.candidate));
    this.pc.onconnectionstatechange = () => this.stateSignal.set(this.pc.connectionState);
  }

  /** Adds an m-line per source in `plan` and negotiates once with the gateway. */
  publish(plan: PublishPlan): Promise<void> {
    for (const source of ['microphone', 'camera'] as const) {
      const track = plan[source];
      if (track !== undefined) this.addTransceiver(source, track);
    }
    return this.negotiate();
  }

  /** True when `source` has an m-line (so `setTrack` needs no renegotiation). */
  has(source: PublisherSource): boolean {
    return this.transceivers.has(source);
  }

  /**
   * Sends `track` (or nothing, for null) as `source`. An existing m-line gets
   * `replaceTrack`; a new source is added and negotiated.
   */
  async setTrack(source: PublisherSource, track: MediaStreamTrack | null): Promise<void> {
    if (this.closed) return;
    const transceiver = this.transceivers.get(source);
    if (transceiver) {
      await transceiver.sender.replaceTrack(track);
      return;
    }
    this.addTransceiver(source, track);
    await this.negotiate();
  }

  /**
   * Sends a screen (and its audio, if any) beside the camera: one more video
   * m-line with a single encoding (no simulcast) and the audio as its own
   * m-line, then one offer to the gateway that lists them as `screen` and
   * `screen-audio`. The m-lines of an earlier share are taken up again. The
   * microphone's and camera's senders are not touched, so they keep flowing.
   */
  async startScreen(screen: ScreenTracks): Promise<void> {
    if (this.closed) return;
    await this.useScreenLine('screen', screen.video);
    await this.useScreenLine('screen-audio', screen.audio);
    await this.negotiate();
    await this.keepScreenSharp();
  }

  /**
   * Stops sending the screen: its m-lines turn inactive and the next offer
   * publishes without them, so the gateway drops them from every viewer.
   * They are kept for the next share rather than `stop()`ped: the browser
   * would recycle a stopped m-line for the next new one under a new mid
   * (even of the other kind), while Janus keeps each m-line's kind from its
   * first use. Inactive m-lines cost nothing on the wire.
   */
  async stopScreen(): Promise<void> {
    if (this.closed || !this.transceivers.has('screen')) return;
    await this.useScreenLine('screen', null);
    await this.useScreenLine('screen-audio', null);
    await this.negotiate();
  }

  /** The connection's current statistics (for the network-quality indicator); null once closed. */
  stats(): Promise<RTCStatsReport | null> {
    return this.closed ? Promise.resolve(null) : this.pc.getStats();
  }

  /** New ICE servers (fresh TURN credentials) for the next ICE gathering. */
  useIceServers(iceServers: readonly IceServer[]): void {
    useIceServers(this.pc, iceServers);
  }

  /** Closes the peer connection. Idempotent. Local tracks belong to LocalMedia and keep running. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.pc.onicecandidate = null;
    this.pc.onconnectionstatechange = null;
    this.pc.close();
    this.stateSignal.set('closed');
  }

  /** Puts `track` on a screen m-line (sendonly), or parks the m-line (inactive) for null. */
  private async useScreenLine(source: 'screen' | 'screen-audio', track: MediaStreamTrack | null): Promise<void> {
    const transceiver = this.transceivers.get(source);
    if (transceiver) {
      await transceiver.sender.replaceTrack(track);
      transceiver.direction = track ? 'sendonly' : 'inactive';
    } else if (track) {
      const init: RTCRtpTransceiverInit =
        source === 'screen' ? { direction: 'sendonly', sendEncodings: [{ ...SCREEN_ENCODING }] } : { direction: 'sendonly' };
      this.transceivers.set(source, this.pc.addTransceiver(track, init));
    }
  }

  /**
   * Asks the encoder to drop frames rather than resolution when the link is
   * short (the default balances both, blurring text). Browsers that cannot
   * set it keep their default, which still works.
   */
  private async keepScreenSharp(): Promise<void> {
    const sender = this.transceivers.get('screen')?.sender;
    if (!sender || this.closed) return;
    const parameters = sender.getParameters();
    if (parameters.degradationPreference === 'maintain-resolution') return;
    try {
      await sender.setParameters({ ...parameters, degradationPreference: 'maintain-resolution' });
    } catch (error) {
      console.warn('Parley: the browser kept its own degradation preference for the screen', error);
    }
  }

  private addTransceiver(source: PublisherSource, track: MediaStreamTrack | null): void {
    const kind = source === 'microphone' ? 'audio' : 'video';
    const init: RTCRtpTransceiverInit =
      kind === 'video'
        ? { direction: 'sendonly', sendEncodings: this.options.encodings.map((encoding) => ({ ...encoding })) }
        : { direction: 'sendonly' };
    this.transceivers.set(source, this.pc.addTransceiver(track ?? kind, init));
  }

  /** Offer → `media.publish` → answer, one negotiation at a time. */
  private negotiate(): Promise<void> {
    const run = this.negotiation.catch(() => undefined).then(() => this.negotiateNow());
    this.negotiation = run;
    return run;
  }

  private async negotiateNow(): Promise<void> {
    if (this.closed) return;
    await this.pc.setLocalDescription(await this.pc.createOffer());
    const offer = this.pc.localDescription;
    if (!offer || this.closed) return;
    const tracks: PublishedTrack[] = [];
    for (const [source, transceiver] of this.transceivers) {
      // An inactive m-line is a parked screen share: not published.
      if (transceiver.mid !== null && transceiver.direction !== 'inactive') {
        tracks.push({ mid: transceiver.mid, source, ...sentSize(transceiver) });
      }
    }
    const ridOrder = simulcastRidOrder(offer.sdp, this.options.encodings);
    const answer = await this.options.signaling.publish({ type: 'offer', sdp: offer.sdp }, tracks, ridOrder);
    if (this.closed) return;
    await this.pc.setRemoteDescription(answer);
    this.candidates.open();
  }
}

/**
 * The full-resolution size a video sender sends, which tells the gateway
 * each simulcast layer's size (h, then h/2, h/4). Unknown while no track is set.
 */
function sentSize(transceiver: RTCRtpTransceiver): { width?: number; height?: number } {
  const track = transceiver.sender.track;
  if (track?.kind !== 'video') return {};
  const { width, height } = track.getSettings();
  return width && height ? { width: Math.round(width), height: Math.round(height) } : {};
}
