import { randomUUID } from 'node:crypto';
import type { JoinResult, ParticipantId, ValidRequest } from '@parley/protocol';
import type { SessionClaims, SessionTokens } from '../auth/session-tokens';
import type { Config } from '../config/config';
import { DomainError } from '../errors';
import type { Store } from '../store/store';
import type { ClusterMirror } from './cluster-mirror';
import type { JoinResults } from './join-result';
import type { Meetings } from './meetings';
import type { RoomMember } from './member';
import { LocalParticipant } from './participant';
import type { Room } from './room';
import type { RoomChanges } from './room-changes';
import { closedRoomDoor, type LobbyHooks, type RoomAccess } from './room-access';
import type { RoomMedia } from './room-media';
import type { RoomRegistry } from './room-registry';
import type { SessionRef } from './session-ref';

/** What the realtime layer hears about a join besides its result, and what it tells about the client. */
export interface JoinHooks extends LobbyHooks {
  /** The client's network address: password guesses are paced per room and address. */
  readonly address?: string;
  /** A resumed identity was still connected elsewhere: drop that socket. */
  readonly replaced?: (participantId: ParticipantId) => void;
  /** The participant is in the room from now on (before the join result is built): route their pushes. */
  readonly admitted?: (participantId: ParticipantId) => void;
}

/** A join's outcome: the session to key later requests on, and the reply. */
export interface Joined {
  readonly session: SessionRef;
  readonly result: JoinResult;
}

/** What letting people in needs from the rest of the rooms domain. */
export interface RoomEntryDeps {
  readonly config: Config;
  readonly store: Store;
  readonly tokens: SessionTokens;
  readonly registry: RoomRegistry;
  readonly access: RoomAccess;
  readonly media: RoomMedia;
  readonly mirror: ClusterMirror;
  readonly results: JoinResults;
  readonly changes: RoomChanges;
  readonly meetings: Meetings;
  readonly releaseGrace: (id: ParticipantId) => void;
}

/**
 * The way into a room, in an order no input can subvert: the token is
 * checked against the live room (it skips the doors only while its
 * participant is held there, and never carries the role); every door runs
 * before anything is created in the SFU; and a join that fails after its
 * room opened hands the room back to the lifecycle, which closes it when
 * nobody is in it.
 */
export class RoomEntry {
  constructor(private readonly deps: RoomEntryDeps) {}

  async join(request: ValidRequest<'room.join'>, hooks: JoinHooks): Promise<Joined> {
    const { tokens, store, registry, access, mirror, meetings } = this.deps;
    const claims = request.resumeToken === undefined ? undefined : await tokens.verify(request.resumeToken, request.room);
    if (claims !== undefined && (await store.isRevoked(claims.participantId, Date.now()))) {
      throw new DomainError('auth.invalid_token', 'That session has ended; join again');
    }
    const live = await registry.existing(request.room);
    // The meeting going on: the one live here, or (live nowhere here) the one the store says goes on.
    const meetingId = live?.meetingId ?? (await meetings.current(request.room))?.id ?? null;
    if (claims !== undefined && claims.meeting !== meetingId) {
      throw new DomainError('auth.meeting_ended', 'The meeting of that session has ended; join again');
    }
    const held = claims === undefined ? undefined : live?.get(claims.participantId);
    if (live !== undefined && held?.local === true) {
      hooks.replaced?.(held.id);
      hooks.admitted?.(held.id);
      return this.resume(live, held);
    }
    const address = hooks.address ?? 'unknown';
    // A room live nowhere: its doors are checked before the SFU room exists.
    const door = live ?? ((await mirror.servedElsewhere(request.room)) ? undefined : closedRoomDoor(request.room, meetingId));
    let name = request.name;
    if (held === undefined && door !== undefined) name = await access.check(door, request, address, hooks);
    const room = live ?? (await registry.get(request.room));
    try {
      // Opened here while live on another gateway: the room adopted its members (maybe the one resuming), lock, lobby and hosts.
      const member = held ?? (claims === undefined ? undefined : room.get(claims.participantId));
      if (member === undefined && door === undefined) name = await access.check(room, request, address, hooks);
      return await this.enter(room, name, claims, member, hooks);
    } catch (error) {
      registry.emptied(room);
      throw error;
    }
  }

  /** Puts a participant who passed the doors (or is taken over from another gateway) into `room`. */
  private async enter(room: Room, name: string, claims: SessionClaims | undefined, held: RoomMember | undefined, hooks: JoinHooks): Promise<Joined> {
    const { config, media, registry, store, changes } = this.deps;
    const full = () => new DomainError('room.full', `This room is full (${config.roomMaxParticipants} participants)`);
    // Someone resuming here who is held by another gateway takes their own place.
    if ((held === undefined ? room.size : room.size - 1) >= config.roomMaxParticipants) throw full();
    // A valid token whose participant is not held (the gateway restarted) keeps its identity, not its role.
    const participantId = held?.id ?? claims?.participantId ?? (randomUUID() as ParticipantId);
    const { publisher, subscription } = await media.create(room, participantId, name);
    const role = held?.role ?? (room.size === 0 ? 'host' : 'guest');
    const participant = new LocalParticipant(participantId, name, role, held?.joinedAt ?? Date.now(), publisher, subscription);
    // The room may have filled while the publisher joined the SFU, or the same identity came in on another socket.
    const twice = held === undefined && room.get(participantId) !== undefined;
    if (twice || (held === undefined && room.size >= config.roomMaxParticipants)) {
      await participant.close();
      throw twice ? new DomainError('room.busy', 'That session is already joining on another connection') : full();
    }
    room.add(participant);
    // From here pushes to them must reach their socket: a chat line stored
    // before the join page is read would otherwise reach them by neither route.
    hooks.admitted?.(participantId);
    registry.occupied(room);
    await store.touchRoom(room.id, Date.now());
    if (held !== undefined) {
      // Taken over from another gateway: the others knew them already; their old feed goes.
      media.syncOthers(room, participant);
      await changes.publish({ type: 'updated', room, participant, audience: 'others' });
      return this.reply(room, participant);
    }
    await changes.publish({ type: 'joined', room, participant });
    return this.reply(room, participant);
  }

  /** Brings a held participant back on a new connection with fresh SFU handles. */
  private async resume(room: Room, participant: LocalParticipant): Promise<Joined> {
    const { media, changes } = this.deps;
    this.deps.releaseGrace(participant.id);
    const { publisher, subscription } = await media.create(room, participant.id, participant.name);
    await participant.replaceMedia(publisher, subscription);
    participant.connected = true;
    // Their old feed is gone: everyone else drops it now and takes the new one when it is published.
    media.syncOthers(room, participant);
    await changes.publish({ type: 'updated', room, participant, audience: 'others' });
    return this.reply(room, participant);
  }

  /**
   * The join reply, with the first subscriber offer in it: the client
   * answers it at once instead of waiting for a push after the reply.
   */
  private async reply(room: Room, participant: LocalParticipant): Promise<Joined> {
    const [joined, offer] = await Promise.all([this.deps.results.build(room, participant), participant.subscription.firstOffer()]);
    return offer === null ? joined : { ...joined, result: { ...joined.result, offer } };
  }
}
