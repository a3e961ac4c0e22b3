import type { LeaveReason, ParticipantId } from '@parley/protocol';
import type { SessionTokens } from '../auth/session-tokens';
import type { Config } from '../config/config';
import type { Store } from '../store/store';
import type { ClusterMirror } from './cluster-mirror';
import type { GraceTimers } from './grace-timers';
import type { Lobby } from './lobby';
import type { RoomMember } from './member';
import type { LocalParticipant } from './participant';
import type { Pusher } from './pusher';
import type { Room } from './room';
import type { RoomChanges } from './room-changes';
import type { RoomMedia } from './room-media';
import type { RoomRegistry } from './room-registry';

/** What letting people out needs from the rest of the rooms domain. */
export interface RoomExitDeps {
  readonly config: Config;
  readonly store: Store;
  readonly tokens: SessionTokens;
  readonly pusher: Pusher;
  readonly registry: RoomRegistry;
  readonly media: RoomMedia;
  readonly mirror: ClusterMirror;
  readonly lobby: Lobby;
  readonly grace: GraceTimers;
  readonly changes: RoomChanges;
}

/**
 * The ways out of a room, each ending the same way: the token revoked (the
 * membership it stood for is over), the others told, a departed host
 * succeeded, and the room handed to its lifecycle, which closes it once
 * nobody is left, whichever way they went.
 */
export class RoomExit {
  constructor(private readonly deps: RoomExitDeps) {}

  /** Marks `participant` reconnecting and holds them for the grace window; `expired` runs if they do not come back. */
  async suspend(room: Room, participant: LocalParticipant, expired: () => void): Promise<void> {
    const { changes, grace, config } = this.deps;
    participant.connected = false;
    await changes.publish({ type: 'updated', room, participant, audience: 'others' });
    grace.hold(participant.id, config.resumeGraceSeconds * 1000, expired);
  }

  /**
   * Removes one of this gateway's participants, tells everyone, frees its
   * SFU handles and revokes its session token: membership ended, so the
   * token no longer opens any door. Idempotent.
   */
  async leave(room: Room | undefined, id: ParticipantId, reason: LeaveReason): Promise<void> {
    const { store, tokens, media, grace, changes } = this.deps;
    grace.release(id);
    // Someone held by another gateway (or no longer here) is not ours to remove.
    const participant = room?.local(id);
    if (room === undefined || participant === undefined) return;
    const wasActive = room.speakers.activeSpeaker === id || room.speakers.speaking.includes(id);
    room.remove(id);
    await store.revokeSession(participant.id, room.id, Date.now() + tokens.ttlSeconds * 1000);
    if (wasActive) media.broadcast(room, 'speaker.changed', room.speakers);
    await changes.publish({ type: 'left', room, participant, reason });
    await this.afterDeparture(room, participant);
    await participant.close();
  }

  /**
   * What follows anyone's departure on every gateway: subscribers drop their
   * streams, a departed host's place goes to the longest-present participant
   * (carried out by that participant's own gateway), an empty room closes.
   */
  async afterDeparture(room: Room, departed: RoomMember): Promise<void> {
    const { media, mirror, lobby, pusher, registry, changes } = this.deps;
    media.syncOthers(room);
    const successor = departed.role === 'host' ? room.longestPresent(mirror.gatewayId !== null) : undefined;
    if (successor?.local === true) {
      const wasHost = successor.role === 'host';
      successor.role = 'host';
      await changes.publish({ type: 'roleChanged', room, participant: successor });
      // Whoever waits in the lobby would otherwise wait for a host who is gone.
      if (!wasHost) {
        for (const knock of lobby.pending(room.id)) pusher.push(successor.id, 'lobby.knocking', { requestId: knock.requestId, name: knock.name });
      }
    }
    registry.emptied(room);
  }
}
