import type { MediaSource, ParticipantId, ParticipantInfo, Role } from '@parley/protocol';
import type { SfuPublisher } from './sfu';
import type { SubscriberSession } from './subscriber-session';

/** One published m-line of a participant, as the SFU accepted it. */
export interface PublishedTrackInfo {
  readonly mid: string;
  readonly kind: 'audio' | 'video';
  readonly source: MediaSource;
  /** Full-layer height of a video, as the publisher reported it. */
  readonly height?: number;
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
  /** Published tracks by publisher-side mid. */
  published: ReadonlyMap<string, PublishedTrackInfo> = new Map();
  private closed = false;

  constructor(
    readonly id: ParticipantId,
    readonly name: string,
    role: Role,
    readonly joinedAt: number,
    readonly publisher: SfuPublisher,
    readonly subscription: SubscriberSession,
  ) {
    this.role = role;
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
    };
  }

  /** Detaches the subscriber, then leaves as a publisher. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([this.subscription.close(), this.publisher.close()]);
  }
}
