import type { FeedId, VideoRoomHandle } from 'janode/plugins/videoroom';
import type { SfuPublisher, SfuRoom, SfuSubscriber } from '../rooms/sfu';
import type { JanusContext } from './janus-context';
import { JanusError, JanusErrorCode } from './janus-error';
import { JanusPublisher } from './janus-publisher';
import { JanusSubscriber } from './janus-subscriber';

/**
 * One VideoRoom room, keyed by the Parley room key, and every handle the
 * gateway opened in it. The room is the registry that pairs a participant's
 * subscriber with its publisher's private_id (see JanusSubscriber).
 */
export class JanusRoom implements SfuRoom {
  private readonly publishers = new Map<string, JanusPublisher>();
  private readonly subscribers = new Set<JanusSubscriber>();
  private readonly talkingListeners = new Set<(feedId: FeedId, talking: boolean) => void>();
  /** Feeds talking now, as last reported (every publisher hears every talker). */
  private readonly talking = new Set<string>();
  private destroying: Promise<void> | null = null;

  constructor(
    /** The Janus room id: the Parley room key itself (string_ids). */
    readonly id: string,
    /**
     * The room's `secret`, needed to moderate and destroy it. Derived from
     * the room key (see room-secret.ts), so an adopted room has it too.
     */
    private readonly secret: string,
    /** The room's `pin` (room-secret.ts), which every join presents. */
    private readonly pin: string,
    private readonly context: JanusContext,
    /** The session-wide handle for room management requests. */
    private readonly manager: () => VideoRoomHandle | null,
    private readonly onDestroyed: () => void,
  ) {}

  /** Publishers joined in this room now. */
  get publisherCount(): number {
    return this.publishers.size;
  }

  /** True from the moment destroy() was called. */
  get destroyed(): boolean {
    return this.destroying !== null;
  }

  /**
   * Joins a publisher for `participantId`. A participant has one publisher
   * per room: a leftover one (a resumed session racing its own cleanup) is
   * closed first, so the private_id registry never points at a dead handle.
   */
  async createPublisher(participantId: string, displayName: string): Promise<SfuPublisher> {
    this.assertOpen('create a publisher');
    const previous = this.publishers.get(participantId);
    if (previous !== undefined) {
      this.context.logger.warn(`Replacing the publisher of ${participantId} in ${this.id}, which was still open`);
      await previous.close();
    }
    const publisher = await JanusPublisher.join(
      this.context,
      this.id,
      this.pin,
      participantId,
      displayName,
      () => {
        if (this.publishers.get(participantId) === publisher) this.publishers.delete(participantId);
        this.setTalking(publisher.feedId, false);
      },
      (feed, talking) => this.setTalking(feed, talking),
    );
    if (this.destroying !== null) {
      await publisher.close();
      throw new JanusError(`Janus join failed: room ${this.id} was destroyed meanwhile`, JanusErrorCode.NoSuchRoom);
    }
    this.publishers.set(participantId, publisher);
    return publisher;
  }

  /** Attaches an empty subscriber; it joins Janus on its first `update()`. */
  async createSubscriber(participantId: string): Promise<SfuSubscriber> {
    this.assertOpen('create a subscriber');
    const subscriber = await JanusSubscriber.create(
      this.context,
      this.id,
      participantId,
      {
        privateIdOf: () => this.publishers.get(participantId)?.privateId,
        pin: this.pin,
        feedsNotLive: (feeds) => this.feedsNotLive(feeds),
        onClosed: () => this.subscribers.delete(subscriber),
      },
    );
    if (this.destroying !== null) {
      await subscriber.close();
      throw new JanusError(`Janus attach failed: room ${this.id} was destroyed meanwhile`, JanusErrorCode.NoSuchRoom);
    }
    this.subscribers.add(subscriber);
    return subscriber;
  }

  async moderate(feedId: FeedId, mid: string, muted: boolean): Promise<void> {
    this.assertOpen('moderate');
    const manager = this.manager();
    if (manager === null) throw new JanusError(`Janus moderate failed: no Janus session`);
    const body = { request: 'moderate', room: this.id, secret: this.secret, id: feedId, mid, mute: muted };
    const reply = await this.context.call(`moderate ${String(feedId)}/${mid} in ${this.id}`, () => manager.message(body));
    const data = reply.plugindata?.data ?? {};
    if (data['videoroom'] !== 'success') {
      const code = typeof data['error_code'] === 'number' ? data['error_code'] : undefined;
      throw new JanusError(`Janus moderate failed: ${String(data['error'] ?? 'unexpected reply')}`, code);
    }
  }

  onTalking(listener: (feedId: FeedId, talking: boolean) => void): () => void {
    this.talkingListeners.add(listener);
    return () => this.talkingListeners.delete(listener);
  }

  /** Reports a change of a feed's talking state once, however many handles heard it. */
  private setTalking(feed: FeedId, talking: boolean): void {
    const key = String(feed);
    if (this.talking.has(key) === talking) return;
    if (talking) this.talking.add(key);
    else this.talking.delete(key);
    for (const listener of this.talkingListeners) listener(feed, talking);
  }

  /**
   * Closes every handle, then destroys the Janus room. Idempotent; never
   * rejects: a room Janus already forgot (426), or one we cannot reach, is
   * as good as destroyed for the gateway, and the failure is logged.
   */
  destroy(): Promise<void> {
    this.destroying ??= this.doDestroy();
    return this.destroying;
  }

  /** Closes this gateway's handles and forgets the room, leaving it in Janus for other gateways serving it. */
  release(): Promise<void> {
    this.destroying ??= (async () => {
      await Promise.all([...this.publishers.values(), ...this.subscribers].map((handle) => handle.close()));
      this.onDestroyed();
    })();
    return this.destroying;
  }

  /**
   * Waits (up to the context's feedLiveTimeoutMs) for this room's publishers
   * behind `feeds` to be subscribable, and returns those that still are not.
   * Feeds this gateway does not publish are left for Janus to judge.
   */
  private async feedsNotLive(feeds: readonly FeedId[]): Promise<ReadonlySet<FeedId>> {
    const notLive = new Set<FeedId>();
    const byFeed = new Map([...this.publishers.values()].map((publisher) => [publisher.feedId, publisher]));
    await Promise.all(
      [...new Set(feeds)].map(async (feed) => {
        const publisher = byFeed.get(feed);
        if (publisher !== undefined && !(await publisher.whenLive(this.context.feedLiveTimeoutMs))) notLive.add(feed);
      }),
    );
    return notLive;
  }

  private async doDestroy(): Promise<void> {
    await Promise.all([...this.publishers.values(), ...this.subscribers].map((handle) => handle.close()));
    const manager = this.manager();
    if (manager === null) {
      this.context.logger.warn(`Cannot destroy Janus room ${this.id}: no Janus session`);
    } else {
      const secret = this.secret;
      await this.context.call(`destroy room ${this.id}`, () => manager.destroy({ room: this.id, secret })).catch((error: unknown) => {
        if (error instanceof JanusError && error.is(JanusErrorCode.NoSuchRoom)) return;
        this.context.logger.warn(`${error instanceof Error ? error.message : String(error)} (room forgotten anyway)`);
      });
    }
    this.onDestroyed();
  }

  private assertOpen(action: string): void {
    if (this.destroying !== null) {
      throw new JanusError(`Cannot ${action}: Janus room ${this.id} is destroyed`, JanusErrorCode.NoSuchRoom);
    }
  }
}
