import type { IceCandidate, RidOrder, Sdp } from '@parley/protocol';
import Janode from 'janode';
import type { Configured, FeedId, TalkingEvent } from 'janode/plugins/videoroom';
import VideoRoomPlugin from 'janode/plugins/videoroom';
import type { SfuPublishedStream, SfuPublisher, SfuPublishOptions } from '../rooms/sfu';
import type { JanusContext } from './janus-context';
import { JanusError, JanusErrorCode } from './janus-error';
import { OwnedHandle } from './janus-handle';
import { toJsep, toPublishedStreams, toSdp, toTrickleCandidate } from './janus-mapping';
import { SerialQueue } from './serial-queue';

/**
 * One participant's VideoRoom publisher handle: joined at creation (so the
 * participant has a feed id and a private_id before sending any media),
 * publishing later, renegotiating in place.
 */
export class JanusPublisher implements SfuPublisher {
  /**
   * Janus's secret number for this participant. With `require_pvtid` a
   * subscriber must present it to join, which binds every subscriber handle
   * to its owner's publisher (Janus then also tells subscriptions apart by
   * owner in its events). Never leaves the gateway.
   */
  readonly privateId: number;

  /** Whether Janus took an offer from this handle since the last unpublish. */
  private publishing = false;
  /** Whether the PeerConnection is up (Janus's `webrtcup`), i.e. the feed can be subscribed to. */
  private live = false;
  private readonly liveWaiters = new Set<(live: boolean) => void>();
  private readonly queue = new SerialQueue();
  private closed = false;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly handle: OwnedHandle,
    readonly feedId: FeedId,
    privateId: number,
    private readonly onClosed: () => void,
    private readonly context: JanusContext,
    onTalking: (feed: FeedId, talking: boolean) => void,
  ) {
    this.privateId = privateId;
    // Janus only lets subscribers at a feed once its PeerConnection is up:
    // before that, a subscriber join fails (428) and an update silently
    // skips the feed. webrtcup is sent right after Janus marked it ready.
    handle.on(Janode.EVENT.HANDLE_WEBRTCUP, () => this.setLive(true));
    handle.on(Janode.EVENT.HANDLE_HANGUP, () => this.setLive(false));
    // Janus tells every publisher of the room who talks (the talker too);
    // the room dedupes, so each handle just reports what it hears.
    handle.on(VideoRoomPlugin.EVENT.VIDEOROOM_TALKING, (event: TalkingEvent) => onTalking(event.feed, event.talking));
  }

  private get logger(): JanusContext['logger'] {
    return this.context.logger;
  }

  /** Attaches a handle and joins `room` (with its `pin`) as a publisher that sends nothing yet. */
  static async join(
    context: JanusContext,
    room: string,
    pin: string,
    participantId: string,
    displayName: string,
    onClosed: () => void,
    onTalking: (feed: FeedId, talking: boolean) => void,
  ): Promise<JanusPublisher> {
    const label = `publisher ${participantId} in ${room}`;
    const handle = new OwnedHandle(await context.attach(label), context, label);
    try {
      const joined = await handle.request('join', (h) => h.joinPublisher({ room, pin, display: displayName }));
      return new JanusPublisher(handle, joined.feed, joined.private_id, onClosed, context, onTalking);
    } catch (error) {
      await handle.release(false);
      throw error;
    }
  }

  /**
   * The first offer goes out as `publish`, later ones as `configure` with the
   * jsep (Janus refuses a second `publish` with 434 once media flows, but
   * `configure` renegotiates in place: new m-lines such as a screen share,
   * removed ones, ICE restarts). Descriptions label m-lines for subscribers;
   * the rid order rides in the jsep, on every offer (Janus re-reads the rids each time).
   */
  publish(
    offer: Sdp,
    descriptions: ReadonlyArray<{ mid: string; description: string }>,
    options: SfuPublishOptions = {},
  ): Promise<{ answer: Sdp; streams: readonly SfuPublishedStream[] }> {
    return this.queue.run(async () => {
      this.assertOpen('publish');
      if (offer.type !== 'offer') {
        throw new JanusError(`Janus publish failed: expected an SDP offer, got an ${offer.type}`, JanusErrorCode.InvalidSdpType);
      }
      const labels = descriptions.map(({ mid, description }) => ({ mid, description }));
      const configured = this.publishing
        ? await this.renegotiate(offer, labels, options.ridOrder)
        : await this.firstPublish(offer, labels, options.ridOrder);
      this.publishing = true;
      if (configured.jsep?.type !== 'answer') {
        throw new JanusError('Janus publish failed: Janus sent no SDP answer');
      }
      return { answer: toSdp(configured.jsep), streams: toPublishedStreams(configured.streams) };
    });
  }

  /** Stops sending media but stays in the room (same feed id and private_id). */
  unpublish(): Promise<void> {
    return this.queue.run(async () => {
      this.assertOpen('unpublish');
      if (!this.publishing) return;
      this.publishing = false;
      this.setLive(false);
      try {
        await this.handle.request('unpublish', (h) => h.unpublish());
      } catch (error) {
        // Janus only counts a publisher as published once its PeerConnection
        // is up; before that it says 435, yet holds the negotiated session.
        // Hanging up drops it, so the next publish starts clean.
        if (!(error instanceof JanusError && error.is(JanusErrorCode.NotPublished))) throw error;
        await this.handle.request('hang up', (h) => h.hangup());
      }
    });
  }

  async trickle(candidate: IceCandidate): Promise<void> {
    this.assertOpen('trickle');
    const janusCandidate = toTrickleCandidate(candidate);
    // An address Janus must not send connectivity checks to is dropped here (ice-candidates.ts).
    if (janusCandidate !== null && candidate !== null && !this.context.candidateAllowed(candidate.candidate)) return;
    await this.handle.request('trickle', (h) => (janusCandidate === null ? h.trickleComplete() : h.trickle(janusCandidate)));
  }

  /**
   * Resolves `true` once the feed can be subscribed to, or `false` after
   * `timeoutMs`, when the publisher closes, or at once if it publishes nothing. Used by subscribers in the same
   * room, so a subscription sent right after a publish is not lost.
   */
  whenLive(timeoutMs: number): Promise<boolean> {
    if (this.live) return Promise.resolve(true);
    // Nothing published (or closed): there is no PeerConnection to wait for.
    if (this.closed || !this.publishing) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (live: boolean): void => {
        clearTimeout(timer);
        this.liveWaiters.delete(done);
        resolve(live);
      };
      const timer = setTimeout(done, timeoutMs, false);
      this.liveWaiters.add(done);
    });
  }

  /**
   * Unpublishes, leaves the room and detaches. Idempotent; never rejects.
   *
   * The explicit unpublish matters: Janus tears a publisher's media down
   * (dropping it from every subscription and marking those subscribers for
   * renegotiation) synchronously on `unpublish`, but only asynchronously
   * after `leave` + `detach`. Without it, a subscriber that unsubscribes the
   * departed feed right away may get "nothing changed" instead of the offer
   * that removes its m-lines.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      const wasLive = this.live;
      this.setLive(false);
      for (const waiter of [...this.liveWaiters]) waiter(false);
      if (wasLive && this.handle.usable) {
        await this.handle
          .request('unpublish', (h) => h.unpublish())
          .catch((error: unknown) => this.logger.warn(`${error instanceof Error ? error.message : String(error)} (ignored while closing)`));
      }
      await this.handle.release(true);
      this.onClosed();
    })();
    return this.closing;
  }

  private async firstPublish(
    offer: Sdp,
    descriptions: Array<{ mid: string; description: string }>,
    ridOrder: RidOrder | undefined,
  ): Promise<Configured> {
    try {
      return await this.handle.request('publish', (h) => h.publish({ jsep: toJsep(this.context.allowedSdp(offer), ridOrder), descriptions }));
    } catch (error) {
      // Already publishing as far as Janus knows (our unpublish raced a
      // reconnect, say): renegotiate instead. janode does not hang up on 434.
      if (error instanceof JanusError && error.is(JanusErrorCode.AlreadyPublished)) {
        return this.renegotiate(offer, descriptions, ridOrder);
      }
      throw error;
    }
  }

  private async renegotiate(
    offer: Sdp,
    descriptions: Array<{ mid: string; description: string }>,
    ridOrder: RidOrder | undefined,
  ): Promise<Configured> {
    try {
      return await this.handle.request('renegotiate', (h) => h.configure({ jsep: toJsep(this.context.allowedSdp(offer), ridOrder), descriptions }));
    } catch (error) {
      // janode hangs the PeerConnection up after an SDP-related refusal
      // (429-437 but 434), so the next offer is a fresh publish.
      if (error instanceof JanusError && error.sfuCode !== undefined && error.sfuCode >= 429 && error.sfuCode <= 437) {
        this.publishing = false;
        this.setLive(false);
      }
      throw error;
    }
  }

  private setLive(live: boolean): void {
    this.live = live;
    if (live) for (const waiter of [...this.liveWaiters]) waiter(true);
  }

  private assertOpen(action: string): void {
    if (this.closed) throw new JanusError(`Janus ${action} failed: the publisher is closed`);
  }
}
