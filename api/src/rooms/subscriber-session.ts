import type { IceCandidate, RemoteStream, Sdp, SubscriberOffer } from '@parley/protocol';
import { DomainError } from '../errors';
import { chooseLayer, type PublishedVideo, type StreamView } from './layer-policy';
import type { SfuStreamRef, SfuStreamSetting, SfuSubscribedStream, SfuSubscriber } from './sfu';
import { awaitsAnswer, subscriberTransition, type SubscriberEffect, type SubscriberPhase, type SubscriberSignal } from './subscriber-phase';

/** What a subscriber session needs from its room. */
export interface SubscriberSessionDeps {
  /** Creates the SFU subscriber; called once, on the first stream to receive. */
  readonly createSubscriber: () => Promise<SfuSubscriber>;
  /** Every remote stream this participant should receive now, keyed by {@link streamKey}. */
  readonly desiredStreams: () => ReadonlyMap<string, SfuStreamRef>;
  /** Maps the SFU's m-lines to whose source each carries (drops unknown feeds). */
  readonly describe: (streams: readonly SfuSubscribedStream[]) => RemoteStream[];
  /**
   * What the layer policy needs of a publisher's video m-line (simulcast or
   * not, full-layer height), or `null` when that m-line is not a video.
   */
  readonly publishedVideo: (feedId: number | string, feedMid: string) => PublishedVideo | null;
  /** Delivers an offer to the client. */
  readonly pushOffer: (seq: number, offer: Sdp, streams: RemoteStream[]) => void;
  readonly onError: (error: unknown) => void;
}

/** The key of one publisher stream in subscription sets. */
export function streamKey(ref: SfuStreamRef): string {
  return `${String(ref.feedId)}/${ref.mid ?? '*'}`;
}

/** How long after a failed layer change (say a Janus request that timed out) the views are applied again. */
export const VIEW_RETRY_MS = 1_000;

/** Where an offer goes: pushed to the client, or kept for the join reply. */
type Deliver = (offer: SubscriberOffer) => void;

/**
 * Keeps one participant's multistream subscriber in step with what the room
 * publishes. Changes are coalesced: one offer is outstanding at a time, and
 * whatever changed meanwhile goes into the next offer once the client answers
 * (the cycle is the table in `subscriber-phase.ts`).
 */
export class SubscriberSession {
  private subscriber: SfuSubscriber | null = null;
  private readonly subscribed = new Map<string, SfuStreamRef>();
  private phase: SubscriberPhase = 'idle';
  /** The seq of the last offer made; the outstanding one while the phase awaits an answer. */
  private seq = 0;
  private running: Promise<void> = Promise.resolve();
  /** The subscriber's m-lines as of the last offer. */
  private lines: readonly SfuSubscribedStream[] = [];
  /** The client's latest view of each subscriber mid. */
  private readonly views = new Map<string, StreamView>();
  /** What was last sent to the SFU per mid, to send only changes. */
  private readonly applied = new Map<string, string>();
  /** A pending retry of the views after a failed configure. */
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: SubscriberSessionDeps) {}

  /** The seq of the offer the client has not answered yet, if any. */
  get pendingOffer(): number | null {
    return awaitsAnswer(this.phase) ? this.seq : null;
  }

  /**
   * The first offer, for the join reply: brings the subscription in line
   * with the room like {@link sync}, but returns the offer instead of pushing
   * it. Null when the room publishes nothing yet, when an offer was pushed
   * meanwhile (someone published while the join was under way: the client
   * takes it from the push) or when the SFU failed (logged; the next change
   * tries again).
   */
  async firstOffer(): Promise<SubscriberOffer | null> {
    let first: SubscriberOffer | null = null;
    if (!this.signal('firstOffer').includes('applyChanges')) return null;
    this.queueChanges((offer) => (first = offer));
    await this.running;
    return first;
  }

  /** Brings the subscription in line with the room; while an offer is unanswered, only remembers to. */
  sync(): void {
    if (this.signal('sync').includes('applyChanges')) this.queueChanges();
  }

  /** Applies the client's answer to offer `seq`; a stale or unexpected answer is refused. */
  async answer(seq: number, answer: Sdp): Promise<void> {
    if (this.subscriber === null || !awaitsAnswer(this.phase)) {
      throw new DomainError('media.failed', 'No subscriber offer is waiting for an answer');
    }
    if (seq !== this.seq) {
      throw new DomainError('media.failed', `Answer to offer ${seq} is stale; offer ${this.seq} is current`);
    }
    await this.subscriber.start(answer);
    // A second answer to the same offer that finished after the first moved on must not settle the next offer.
    if (seq !== this.seq || !awaitsAnswer(this.phase)) return;
    // The room changed while the offer was out: follow it now.
    if (this.signal('answered').includes('applyChanges')) this.queueChanges();
  }

  /**
   * Records how the client shows its remote videos and forwards each at the
   * layer its tile needs (paused when unseen). Mids not given keep their view;
   * mids this connection does not have are ignored, so what is kept stays
   * bounded by the m-lines of the connection.
   */
  view(views: ReadonlyArray<StreamView & { readonly mid: string }>): void {
    const known = new Set(this.lines.map((line) => line.mid));
    for (const { mid, ...view } of views) if (known.has(mid)) this.views.set(mid, view);
    this.applyViews();
  }

  async trickle(candidate: IceCandidate): Promise<void> {
    if (this.subscriber === null) {
      throw new DomainError('media.failed', 'The subscriber connection does not exist yet');
    }
    await this.subscriber.trickle(candidate);
  }

  /** Applies the views again after a failed configure, once, unless another attempt is already due. */
  private retryViewsLater(): void {
    if (this.phase === 'closed' || this.retryTimer !== undefined) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.applyViews();
    }, VIEW_RETRY_MS);
    this.retryTimer.unref();
  }

  /**
   * Makes every change scheduled from now on wait until `gate` settles: a
   * room rebuilt after its SFU was lost must not offer its client a new
   * subscription before telling it (`media.restart`) that its old connections
   * are dead, or the client applies the offer to a dead connection and fails.
   */
  holdUntil(gate: Promise<void>): void {
    this.running = this.running.then(() => gate);
  }

  /** Waits for the changes scheduled so far (tests and orderly shutdown). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Detaches the SFU subscriber. Idempotent. */
  async close(): Promise<void> {
    if (!this.signal('close').includes('detach')) return;
    clearTimeout(this.retryTimer);
    await this.running;
    const subscriber = this.subscriber;
    this.subscriber = null;
    await subscriber?.close();
  }

  /** Moves along one edge of the table and returns what the edge asks the caller to do. */
  private signal(signal: SubscriberSignal): readonly SubscriberEffect[] {
    const { next, effects } = subscriberTransition(this.phase, signal);
    this.phase = next;
    return effects;
  }

  /** Queues a change behind the work already queued; SFU failures are reported, not thrown. */
  private queueChanges(deliver?: Deliver): void {
    this.running = this.running.then(() => this.applyChanges(deliver)).catch((error: unknown) => this.deps.onError(error));
  }

  private async applyChanges(
    deliver: Deliver = ({ seq, offer, streams }) => this.deps.pushOffer(seq, offer, [...streams]),
  ): Promise<void> {
    // Closed meanwhile, or queued behind a change that ended with an offer (it goes into the next one).
    if (!this.signal('due').includes('update')) return;
    const desired = this.deps.desiredStreams();
    const subscribe = [...desired].filter(([key]) => !this.subscribed.has(key)).map(([, ref]) => ref);
    const unsubscribe = [...this.subscribed].filter(([key]) => !desired.has(key)).map(([, ref]) => ref);
    if (subscribe.length === 0 && unsubscribe.length === 0) return;
    if (this.subscriber === null) {
      if (subscribe.length === 0) return;
      this.subscriber = await this.deps.createSubscriber();
    }
    const { offer, streams } = await this.subscriber.update(subscribe, unsubscribe);
    subscribe.forEach((ref) => this.subscribed.set(streamKey(ref), ref));
    unsubscribe.forEach((ref) => this.subscribed.delete(streamKey(ref)));
    this.forgetRecycledLines(streams);
    this.lines = streams;
    // Closed meanwhile: the offer is dropped.
    if (offer === null || !this.signal('offered').includes('deliver')) return;
    this.seq += 1;
    deliver({ seq: this.seq, offer, streams: this.deps.describe(streams) });
  }

  /** An m-line now carrying another feed keeps neither its old view nor its old setting. */
  private forgetRecycledLines(streams: readonly SfuSubscribedStream[]): void {
    const before = new Map(this.lines.map((line) => [line.mid, `${String(line.feedId)}/${line.feedMid ?? ''}`]));
    const now = new Set(streams.map((line) => line.mid));
    for (const line of streams) {
      const owner = `${String(line.feedId)}/${line.feedMid ?? ''}`;
      if (before.has(line.mid) && before.get(line.mid) !== owner) this.forgetLine(line.mid);
    }
    for (const mid of this.views.keys()) if (!now.has(mid)) this.forgetLine(mid);
  }

  private forgetLine(mid: string): void {
    this.views.delete(mid);
    this.applied.delete(mid);
  }

  private applyViews(): void {
    if (this.subscriber === null || this.phase === 'closed') return;
    const changes: SfuStreamSetting[] = [];
    for (const line of this.lines) {
      const view = this.views.get(line.mid);
      if (view === undefined || !line.active || line.feedId === undefined || line.feedMid === undefined) continue;
      const video = this.deps.publishedVideo(line.feedId, line.feedMid);
      if (video === null) continue;
      const setting = chooseLayer(line.mid, view, video);
      const key = JSON.stringify(setting);
      if (this.applied.get(line.mid) === key) continue;
      this.applied.set(line.mid, key);
      changes.push(setting);
    }
    if (changes.length === 0) return;
    const subscriber = this.subscriber;
    this.running = this.running
      .then(() => subscriber.configure(changes))
      .catch((error: unknown) => {
        // Forget what failed and try again shortly: a tile that keeps its size sends no new view to retry with.
        changes.forEach((change) => this.applied.delete(change.mid));
        this.deps.onError(error);
        this.retryViewsLater();
      });
  }
}
