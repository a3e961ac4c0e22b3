import type { MediaSource, ParticipantId, ParticipantInfo, Role } from '@parley/protocol';
import type { MemberState } from './cluster';
import type { SfuPublisher } from './sfu';
import type { SubscriberSession } from './subscriber-session';

/** One published m-line of a participant, as the SFU accepted it. */
export interface PublishedTrackInfo {
  readonly mid: string;
  readonly kind: 'audio' | 'video';
  readonly source: MediaSource;
  /** Full-layer height of a video, as the publisher reported it. */
  readonly height?: number;
  /** The SFU holds simulcast layers of it (a camera); false for one encoding (a screen share, audio). */
  readonly simulcast: boolean;
}

/**
 * A participant in a room: identity, state, and the SFU handles it owns
 * (one publisher, one subscriber session).
 */
export class Participant {
  role: Role;
  audioMuted = false;
  videoMuted = false;
  handRaisedAt: number | null = null;
  /** The microphone was muted by a host in the SFU; the participant's own unmute lifts it. */
  hostMuted = false;
  /** False while the participant's connection is lost, inside the resume grace window. */
  connected = true;
  /** Published tracks by publisher-side mid. */
  published: ReadonlyMap<string, PublishedTrackInfo> = new Map();
  /**
   * The gateway that holds this participant when it is another one's: then
   * this object is a mirror (see `cluster-mirror.ts`), with no SFU handles of
   * its own, kept up to date by that gateway. Null for this gateway's own.
   */
  home: string | null = null;
  /**
   * Whether other gateways may see what this participant publishes: only
   * once the SFU lets subscribers at the feed (see `SfuPublisher.whenLive`).
   */
  feedReady = false;
  /** A mirror's: the SFU instance its home announced its feed on (see `MemberState.sfu`). */
  feedInstance: string | undefined;
  private closed = false;

  constructor(
    readonly id: ParticipantId,
    readonly name: string,
    role: Role,
    readonly joinedAt: number,
    private currentPublisher: SfuPublisher,
    private currentSubscription: SubscriberSession,
  ) {
    this.role = role;
  }

  get publisher(): SfuPublisher {
    return this.currentPublisher;
  }

  get subscription(): SubscriberSession {
    return this.currentSubscription;
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

  info(): ParticipantInfo {
    return {
      id: this.id,
      name: this.name,
      role: this.role,
      audioMuted: this.audioMuted,
      videoMuted: this.videoMuted,
      handRaisedAt: this.handRaisedAt,
      joinedAt: this.joinedAt,
      ...(this.connected ? {} : { reconnecting: true }),
    };
  }

  /** What other gateways need to mirror this participant, held by gateway `home`, publishing on SFU instance `sfu`. */
  state(home: string, sfu?: string): MemberState {
    return {
      info: this.info(),
      feedId: this.publisher.feedId,
      ...(sfu === undefined ? {} : { sfu }),
      published: this.feedReady ? [...this.published.values()] : [],
      hostMuted: this.hostMuted,
      home,
    };
  }

  /** Takes on what another gateway says of its participant (a mirror only). */
  applyState(state: MemberState): void {
    this.home = state.home;
    this.feedInstance = state.sfu;
    this.role = state.info.role;
    this.audioMuted = state.info.audioMuted;
    this.videoMuted = state.info.videoMuted;
    this.handRaisedAt = state.info.handRaisedAt;
    this.connected = state.info.reconnecting !== true;
    this.hostMuted = state.hostMuted;
    this.published = new Map(state.published.map((track) => [track.mid, track]));
  }

  /** Detaches the subscriber, then leaves as a publisher. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([this.currentSubscription.close(), this.currentPublisher.close()]);
  }
}
