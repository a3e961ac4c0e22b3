import type { IceCandidate, RemoteStream, Sdp } from '@parley/protocol';
import { DomainError } from '../errors';
import type { SfuStreamRef, SfuSubscribedStream, SfuSubscriber } from './sfu';

/** What a subscriber session needs from its room. */
export interface SubscriberSessionDeps {
  /** Creates the SFU subscriber; called once, on the first stream to receive. */
  readonly createSubscriber: () => Promise<SfuSubscriber>;
  /** Every remote stream this participant should receive now, keyed by {@link streamKey}. */
  readonly desiredStreams: () => ReadonlyMap<string, SfuStreamRef>;
  /** Maps the SFU's m-lines to whose source each carries (drops unknown feeds). */
  readonly describe: (streams: readonly SfuSubscribedStream[]) => RemoteStream[];
  /** Delivers an offer to the client. */
  readonly pushOffer: (seq: number, offer: Sdp, streams: RemoteStream[]) => void;
  readonly onError: (error: unknown) => void;
}

/** The key of one publisher stream in subscription sets. */
export function streamKey(ref: SfuStreamRef): string {
  return `${String(ref.feedId)}/${ref.mid ?? '*'}`;
}

/**
 * Keeps one participant's multistream subscriber in step with what the room
 * publishes. Changes are coalesced: one offer is outstanding at a time, and
 * whatever changed meanwhile goes into the next offer once the client answers.
 */
export class SubscriberSession {
  private subscriber: SfuSubscriber | null = null;
  private readonly subscribed = new Map<string, SfuStreamRef>();
  private seq = 0;
  private awaitingSeq: number | null = null;
  private dirty = false;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: SubscriberSessionDeps) {}

  /** The seq of the offer the client has not answered yet, if any. */
  get pendingOffer(): number | null {
    return this.awaitingSeq;
  }

  /** Brings the subscription in line with the room; a no-op while an offer is unanswered. */
  sync(): void {
    if (this.closed) return;
    if (this.awaitingSeq !== null) {
      this.dirty = true;
      return;
    }
    this.running = this.running.then(() => this.applyChanges()).catch((error: unknown) => this.deps.onError(error));
  }

  /** Applies the client's answer to offer `seq`; a stale or unexpected answer is refused. */
  async answer(seq: number, answer: Sdp): Promise<void> {
    if (this.subscriber === null || this.awaitingSeq === null) {
      throw new DomainError('media.failed', 'No subscriber offer is waiting for an answer');
    }
    if (seq !== this.awaitingSeq) {
      throw new DomainError('media.failed', `Answer to offer ${seq} is stale; offer ${this.awaitingSeq} is current`);
    }
    await this.subscriber.start(answer);
    this.awaitingSeq = null;
    if (this.dirty) {
      this.dirty = false;
      this.sync();
    }
  }

  async trickle(candidate: IceCandidate): Promise<void> {
    if (this.subscriber === null) {
      throw new DomainError('media.failed', 'The subscriber connection does not exist yet');
    }
    await this.subscriber.trickle(candidate);
  }

  /** Waits for the changes scheduled so far (tests and orderly shutdown). */
  async settled(): Promise<void> {
    await this.running;
  }

  /** Detaches the SFU subscriber. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.running;
    const subscriber = this.subscriber;
    this.subscriber = null;
    await subscriber?.close();
  }

  private async applyChanges(): Promise<void> {
    if (this.closed || this.awaitingSeq !== null) return;
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
    if (this.closed || offer === null) return;
    this.seq += 1;
    this.awaitingSeq = this.seq;
    this.deps.pushOffer(this.seq, offer, this.deps.describe(streams));
  }
}
