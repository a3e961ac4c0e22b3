import type { MemberState } from './cluster';
import { Member } from './member';
import type { SfuPublisher } from './sfu';
import type { SubscriberSession } from './subscriber-session';

/**
 * One of this gateway's own participants: a {@link Member} with the SFU
 * handles it owns (one publisher, one subscriber session).
 */
export class LocalParticipant extends Member {
  readonly local = true;
  /**
   * Whether other gateways may see what this participant publishes: only
   * once the SFU lets subscribers at the feed (see `SfuPublisher.whenLive`).
   */
  feedReady = false;
  private closed = false;

  constructor(
    id: LocalParticipant['id'],
    name: string,
    role: LocalParticipant['role'],
    joinedAt: number,
    private currentPublisher: SfuPublisher,
    private currentSubscription: SubscriberSession,
  ) {
    super(id, name, role, joinedAt);
  }

  get publisher(): SfuPublisher {
    return this.currentPublisher;
  }

  get subscription(): SubscriberSession {
    return this.currentSubscription;
  }

  get feedId(): number | string {
    return this.currentPublisher.feedId;
  }

  /**
   * Swaps in fresh SFU handles (a resumed client, or a restarted SFU) and
   * closes the old ones. What was published is forgotten: the client publishes
   * again on its new connection.
   */
  async replaceMedia(publisher: SfuPublisher, subscription: SubscriberSession): Promise<void> {
    const old = [this.currentSubscription, this.currentPublisher];
    this.currentPublisher = publisher;
    this.currentSubscription = subscription;
    this.published = new Map();
    this.feedReady = false;
    await Promise.allSettled(old.map((handle) => handle.close()));
  }

  /** What other gateways need to mirror this participant, held by gateway `home`, publishing on SFU instance `sfu`. */
  state(home: string, sfu?: string): MemberState {
    return {
      info: this.info(),
      feedId: this.feedId,
      ...(sfu === undefined ? {} : { sfu }),
      published: this.feedReady ? [...this.published.values()] : [],
      hostMuted: this.hostMuted,
      home,
    };
  }

  /** Detaches the subscriber, then leaves as a publisher. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([this.currentSubscription.close(), this.currentPublisher.close()]);
  }
}
