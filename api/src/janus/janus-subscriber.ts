import type { IceCandidate, Sdp } from '@parley/protocol';
import type { FeedId, JanusSubscriberStream } from 'janode/plugins/videoroom';
import VideoRoomPlugin from 'janode/plugins/videoroom';
import type { SfuStreamRef, SfuStreamSetting, SfuSubscribedStream, SfuSubscriber } from '../rooms/sfu';
import type { JanusContext } from './janus-context';
import { JanusError, JanusErrorCode } from './janus-error';
import { OwnedHandle } from './janus-handle';
import { toJsep, toSdp, toStreamSelectors, toSubscribedStreams, toTrickleCandidate } from './janus-mapping';
import { SerialQueue } from './serial-queue';

/** What a subscriber needs from its room. */
export interface SubscriberRoomLink {
  /** The private_id of the same participant's publisher (require_pvtid). */
  readonly privateIdOf: () => number | undefined;
  /** Waits for just-published feeds to come up; returns those still down. */
  readonly feedsNotLive: (feeds: readonly FeedId[]) => Promise<ReadonlySet<FeedId>>;
  readonly onClosed: () => void;
  /** The room's `pin`, which Janus asks of every join. */
  readonly pin: string;
}

/** An offer sent to the client and not answered yet. */
interface PendingOffer {
  readonly answered: Promise<void>;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * One participant's multistream subscriber handle: one PeerConnection that
 * carries every remote stream, grown and shrunk in place.
 *
 * Janus 1.1 specifics this class hides:
 * - a subscriber cannot join with an empty stream list, so the handle only
 *   joins on the first `update()` that subscribes to something;
 * - rooms are created with `require_pvtid`, so the join presents the
 *   private_id of the same participant's publisher (`privateIdOf`);
 * - the join sets `autoupdate: false`: Janus would otherwise push an offer
 *   on its own when a subscribed publisher leaves, which the port has no way
 *   to carry. Instead the m-lines go inactive silently and the next
 *   `update()` (the rooms domain unsubscribes the feed that left) returns
 *   the offer, even when the unsubscribe itself names a feed Janus no
 *   longer knows;
 * - Janus only subscribes to a feed once its PeerConnection is up: a join
 *   naming a feed that is still connecting fails (428) and an update skips
 *   it silently. Right after a publish that is the normal case, so streams
 *   of this room's publishers wait (JanusPublisher.whenLive, bounded) and a
 *   feed that never comes up is left out and logged;
 * - Janus answers an `update` that changes nothing with no offer (we return
 *   `null` and the last known streams), and postpones one sent while its
 *   previous offer is unanswered (`updating`). We never let the latter
 *   happen: an `update()` waits here until `start()` delivered the answer.
 */
export class JanusSubscriber implements SfuSubscriber {
  private joined = false;
  private streams: readonly SfuSubscribedStream[] = [];
  private pendingOffer: PendingOffer | null = null;
  private readonly queue = new SerialQueue();
  private closed = false;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly handle: OwnedHandle,
    private readonly room: string,
    private readonly participantId: string,
    private readonly link: SubscriberRoomLink,
    private readonly context: JanusContext,
  ) {
    const logger = context.logger;
    // Only autoupdate or an `updating` reply make Janus push an offer by
    // itself, and neither is used; say so loudly if it ever happens.
    handle.on(VideoRoomPlugin.EVENT.VIDEOROOM_UPDATED, (event: { streams?: readonly JanusSubscriberStream[] }) => {
      logger.warn(`Janus pushed an unsolicited offer to the ${handle.label} (${event.streams?.length ?? 0} streams); ignored`);
    });
  }

  /** Attaches the handle; it joins the room on the first subscription. */
  static async create(
    context: JanusContext,
    room: string,
    participantId: string,
    link: SubscriberRoomLink,
  ): Promise<JanusSubscriber> {
    const label = `subscriber ${participantId} in ${room}`;
    const handle = new OwnedHandle(await context.attach(label), context, label);
    return new JanusSubscriber(handle, room, participantId, link, context);
  }

  private get logger(): JanusContext['logger'] {
    return this.context.logger;
  }

  /**
   * Subscribes and unsubscribes in one renegotiation. Waits for the answer
   * to the previous offer first, if one is outstanding (close() ends that wait).
   */
  update(
    subscribe: readonly SfuStreamRef[],
    unsubscribe: readonly SfuStreamRef[],
  ): Promise<{ offer: Sdp | null; streams: readonly SfuSubscribedStream[] }> {
    return this.queue.run(async () => {
      this.assertOpen('update');
      if (this.pendingOffer !== null) await this.pendingOffer.answered;
      this.assertOpen('update');
      if (!this.joined) {
        if (subscribe.length === 0) return { offer: null, streams: this.streams };
        const privateId = this.ownPrivateId();
        return this.join(await this.liveOnly(subscribe), privateId);
      }
      const live = await this.liveOnly(subscribe);
      this.assertOpen('update');
      if (live.length === 0 && unsubscribe.length === 0) return { offer: null, streams: this.streams };
      const reply = await this.handle.request('update', (h) =>
        h.message({
          request: 'update',
          ...(live.length > 0 ? { subscribe: toStreamSelectors(live) } : {}),
          ...(unsubscribe.length > 0 ? { unsubscribe: toStreamSelectors(unsubscribe) } : {}),
        }),
      );
      // janode's own update() reports `updated` and `updating` alike, so we
      // read the raw reply: `updated` with a jsep is a new offer, `updated`
      // without one means nothing changed.
      const data = reply.plugindata?.data ?? {};
      if (data['videoroom'] === 'updating') {
        throw new JanusError(`Janus update failed: Janus postponed it, still waiting for an answer (${this.handle.label})`);
      }
      if (reply.jsep === undefined) return { offer: null, streams: this.streams };
      return this.offered(reply.jsep, data['streams'] as readonly JanusSubscriberStream[] | undefined);
    });
  }

  /** Hands Janus the client's answer to the outstanding offer. */
  async start(answer: Sdp): Promise<void> {
    this.assertOpen('start');
    const pending = this.pendingOffer;
    if (pending === null) throw new JanusError(`Janus start failed: no offer is waiting for an answer (${this.handle.label})`);
    if (answer.type !== 'answer') {
      throw new JanusError(`Janus start failed: expected an SDP answer, got an ${answer.type}`, JanusErrorCode.InvalidSdpType);
    }
    await this.handle.request('start', (h) => h.start({ jsep: toJsep(this.context.allowedSdp(answer)) }));
    if (this.pendingOffer === pending) this.pendingOffer = null;
    pending.resolve();
  }

  /**
   * Per-m-line forwarding: `send: false` pauses a stream nobody sees,
   * `substream` picks the simulcast layer. Queued behind updates, so it never
   * names an m-line Janus has not offered yet; before the join it is a no-op.
   */
  configure(settings: readonly SfuStreamSetting[]): Promise<void> {
    return this.queue.run(async () => {
      this.assertOpen('configure');
      if (!this.joined || settings.length === 0) return;
      const streams = settings.map((setting) => ({
        mid: setting.mid,
        send: setting.send,
        ...(setting.substream === undefined ? {} : { substream: setting.substream }),
      }));
      await this.handle.request('configure', (h) => h.configure({ streams }));
    });
  }

  async trickle(candidate: IceCandidate): Promise<void> {
    this.assertOpen('trickle');
    const janusCandidate = toTrickleCandidate(candidate);
    // An address Janus must not send connectivity checks to is dropped here (ice-candidates.ts).
    if (janusCandidate !== null && candidate !== null && !this.context.candidateAllowed(candidate.candidate)) return;
    await this.handle.request('trickle', (h) => (janusCandidate === null ? h.trickleComplete() : h.trickle(janusCandidate)));
  }

  /** Leaves, detaches and fails any update waiting for an answer. Idempotent; never rejects. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.pendingOffer?.reject(new JanusError(`Janus update failed: the ${this.handle.label} was closed`));
      this.pendingOffer = null;
      await this.handle.release(this.joined);
      this.link.onClosed();
    })();
    return this.closing;
  }

  /** The private_id of this participant's publisher, which Janus demands at join (require_pvtid). */
  private ownPrivateId(): number {
    const privateId = this.link.privateIdOf();
    if (privateId === undefined) {
      throw new JanusError(
        `Janus subscribe failed: ${this.participantId} has no publisher in ${this.room}, and the room requires its private_id`,
        JanusErrorCode.Unauthorized,
      );
    }
    return privateId;
  }

  private async join(
    subscribe: readonly SfuStreamRef[],
    privateId: number,
  ): Promise<{ offer: Sdp | null; streams: readonly SfuSubscribedStream[] }> {
    this.assertOpen('join');
    if (subscribe.length === 0) return { offer: null, streams: this.streams };
    const joined = await this.handle.request('join', (h) =>
      h.joinSubscriber({ room: this.room, pin: this.link.pin, streams: toStreamSelectors(subscribe), private_id: privateId, autoupdate: false }),
    );
    this.joined = true;
    if (joined.jsep === undefined) throw new JanusError(`Janus join failed: no SDP offer (${this.handle.label})`);
    return this.offered(joined.jsep, joined.streams);
  }

  /**
   * Drops (and logs) subscriptions to feeds of this room whose publisher did
   * not come up in time: Janus would skip them in an update and fail a join.
   */
  private async liveOnly(subscribe: readonly SfuStreamRef[]): Promise<readonly SfuStreamRef[]> {
    if (subscribe.length === 0) return subscribe;
    const notLive = await this.link.feedsNotLive(subscribe.map((ref) => ref.feedId));
    if (notLive.size === 0) return subscribe;
    this.logger.warn(`The ${this.handle.label} skips feeds whose media never came up: ${[...notLive].join(', ')}`);
    return subscribe.filter((ref) => !notLive.has(ref.feedId));
  }

  private offered(
    jsep: { type: 'offer' | 'answer'; sdp: string },
    streams: readonly JanusSubscriberStream[] | undefined,
  ): { offer: Sdp; streams: readonly SfuSubscribedStream[] } {
    if (jsep.type !== 'offer') throw new JanusError(`Janus sent an SDP ${jsep.type} where an offer was due (${this.handle.label})`);
    this.streams = toSubscribedStreams(streams);
    this.pendingOffer = pendingOffer();
    return { offer: toSdp(jsep), streams: this.streams };
  }

  private assertOpen(action: string): void {
    if (this.closed) throw new JanusError(`Janus ${action} failed: the ${this.handle.label} is closed`);
  }
}

function pendingOffer(): PendingOffer {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const answered = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting when close() rejects it.
  answered.catch(() => undefined);
  return { answered, resolve, reject };
}
