import type { ParticipantId, ParticipantInfo, RoomId } from '@parley/protocol';
import type { PublishedTrackInfo } from './member';

/**
 * What other gateways need to know of a participant to show them and to
 * subscribe to their media: the participant's own gateway (its home) is the
 * authority and republishes this after every change.
 */
export interface MemberState {
  readonly info: ParticipantInfo;
  /** Their publisher's feed in the shared SFU room. */
  readonly feedId: number | string;
  /**
   * The SFU instance that feed is on (`SfuRoom.instance`): after the room
   * moved off a lost instance, a feed announced on the old one is not
   * asked of the new one. Absent with a single SFU (and from older gateways).
   */
  readonly sfu?: string;
  readonly published: readonly PublishedTrackInfo[];
  readonly hostMuted: boolean;
  /** The gateway that holds their connection and SFU handles. */
  readonly home: string;
}

/** Lock and lobby, shared by every gateway serving a room (the password is in the store). */
export interface SharedSettings {
  readonly locked: boolean;
  readonly lobby: boolean;
}

/** Host actions a gateway forwards to the home gateway of their target. */
export type ForwardedHostAction = 'mute' | 'remove' | 'promote';

/** What gateways tell each other about the rooms they serve together. */
export type ClusterMessage =
  /** A participant joined or changed (an upsert of their whole state). */
  | { readonly type: 'member'; readonly room: RoomId; readonly member: MemberState }
  /** A participant left (their home gateway already told every client). */
  | { readonly type: 'left'; readonly room: RoomId; readonly participantId: ParticipantId; readonly home: string }
  | { readonly type: 'settings'; readonly room: RoomId; readonly settings: SharedSettings }
  /** A host elsewhere acts on a participant; only its home gateway carries it out. */
  | {
      readonly type: 'host';
      readonly room: RoomId;
      readonly action: ForwardedHostAction;
      readonly target: ParticipantId;
      readonly byName: string;
    }
  /** A host elsewhere answered a lobby request; the gateway holding the knock delivers it. */
  | { readonly type: 'lobby.decide'; readonly room: RoomId; readonly requestId: string; readonly admit: boolean };

/**
 * The rooms domain's view of the other gateways serving the same rooms
 * (scale-out with Redis). With one gateway it is {@link SoloCluster}: no
 * peers, nothing shared, everything as before.
 */
export interface RoomCluster {
  /** This gateway's id among its peers; null when it runs alone. */
  readonly gatewayId: string | null;
  /** Tells every other gateway, in order (never this one). */
  send(message: ClusterMessage): void;
  /** Listens to the other gateways' messages; returns the unsubscriber. */
  onMessage(listener: (message: ClusterMessage) => void): () => void;
  /** The members of a room held by other gateways, as they last saved them. */
  members(room: RoomId): Promise<MemberState[]>;
  /** Saves one of this gateway's members (for gateways that open the room later). */
  saveMember(room: RoomId, member: MemberState): Promise<void>;
  forgetMember(room: RoomId, participantId: ParticipantId): Promise<void>;
  /** The room's shared lock and lobby; null when no gateway set them. */
  settings(room: RoomId): Promise<SharedSettings | null>;
  saveSettings(room: RoomId, settings: SharedSettings | null): Promise<void>;
  /** Ids of the gateways alive now (their heartbeat has not expired). */
  liveGateways(): Promise<ReadonlySet<string>>;
  /**
   * Marks `key` used for `ttlMs`, on every gateway at once: true the first
   * time, false while it is marked (an admission spent on any gateway).
   */
  spendOnce(key: string, ttlMs: number): Promise<boolean>;
}

/** Injection token for the {@link RoomCluster}. */
export const ROOM_CLUSTER = Symbol('ROOM_CLUSTER');

/** A gateway running alone: no peers, nothing to share. */
export class SoloCluster implements RoomCluster {
  readonly gatewayId = null;
  send(): void {}
  onMessage(): () => void {
    return () => undefined;
  }
  async members(): Promise<MemberState[]> {
    return [];
  }
  async saveMember(): Promise<void> {}
  async forgetMember(): Promise<void> {}
  async settings(): Promise<SharedSettings | null> {
    return null;
  }
  async saveSettings(): Promise<void> {}
  async liveGateways(): Promise<ReadonlySet<string>> {
    return new Set();
  }
  private readonly spent = new Map<string, number>();
  async spendOnce(key: string, ttlMs: number): Promise<boolean> {
    const now = Date.now();
    for (const [spent, expires] of this.spent) if (expires < now) this.spent.delete(spent);
    if (this.spent.has(key)) return false;
    this.spent.set(key, now + ttlMs);
    return true;
  }
}
