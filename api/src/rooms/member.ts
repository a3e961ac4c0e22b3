import type { MediaSource, ParticipantId, ParticipantInfo, Role } from '@parley/protocol';
import type { MemberState } from './cluster';
import type { LocalParticipant } from './participant';

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
 * What every gateway serving a room knows of someone in it, wherever they
 * are held: identity, state, and what they publish in the room's SFU room.
 */
export abstract class Member {
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
  /** True for this gateway's own participant; narrows a {@link RoomMember}. */
  abstract readonly local: boolean;
  /** The SFU feed carrying what they publish, by which subscribers take their streams. */
  abstract readonly feedId: number | string;

  constructor(
    readonly id: ParticipantId,
    readonly name: string,
    role: Role,
    readonly joinedAt: number,
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
      ...(this.connected ? {} : { reconnecting: true }),
    };
  }
}

/**
 * Someone another gateway holds, mirrored here (see `cluster-mirror.ts`):
 * no SFU handles of its own, only their feed in the shared SFU room, kept
 * up to date by their home gateway.
 */
export class RemoteMember extends Member {
  readonly local = false;
  /** The gateway that holds them (set by `apply`, as are the next two). */
  home!: string;
  feedId!: number | string;
  /** The SFU instance their home announced their feed on (see `MemberState.sfu`). */
  feedInstance: string | undefined;

  constructor(state: MemberState) {
    super(state.info.id, state.info.name, state.info.role, state.info.joinedAt);
    this.apply(state);
  }

  /** Takes on what their home gateway says of them. */
  apply(state: MemberState): void {
    this.home = state.home;
    this.feedId = state.feedId;
    this.feedInstance = state.sfu;
    this.role = state.info.role;
    this.audioMuted = state.info.audioMuted;
    this.videoMuted = state.info.videoMuted;
    this.handRaisedAt = state.info.handRaisedAt;
    this.connected = state.info.reconnecting !== true;
    this.hostMuted = state.hostMuted;
    this.published = new Map(state.published.map((track) => [track.mid, track]));
  }
}

/** Anyone in a room as this gateway sees it: one of its own, or a mirror of another gateway's. */
export type RoomMember = LocalParticipant | RemoteMember;
