import { Inject, Injectable, Logger } from '@nestjs/common';
import { PASSWORD_MIN_LENGTH, type ParticipantId, type RoomSettings, type ValidRequest } from '@parley/protocol';
import { hashPassword } from '../auth/passwords';
import { SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../errors';
import { STORE, type Store } from '../store/store';
import type { ForwardedHostAction } from './cluster';
import type { RoomMember } from './member';
import type { LocalParticipant } from './participant';
import { PUSHER, type Pusher } from './pusher';
import type { Room } from './room';
import { RoomsService, type SessionRef } from './rooms.service';

/**
 * What hosts may do to a room and its people. Every action checks the
 * caller's role first; guests get `auth.forbidden`. An action on someone
 * held by another gateway is forwarded to that gateway, which carries it out
 * (it is the authority on its own participants).
 */
@Injectable()
export class HostService {
  private readonly logger = new Logger(HostService.name);

  constructor(
    private readonly rooms: RoomsService,
    @Inject(STORE) private readonly store: Store,
    @Inject(PUSHER) private readonly pusher: Pusher,
    private readonly tokens: SessionTokens,
  ) {
    rooms.onForwardedHostAction((room, action, target, byName) => this.carryOut(room, action, target, byName));
  }

  /** Locks or unlocks, sets or clears the password, turns the lobby on or off; tells everyone. */
  async settings(session: SessionRef, change: ValidRequest<'host.settings'>): Promise<RoomSettings> {
    const { room } = await this.requireHost(session);
    if (typeof change.password === 'string' && change.password.length < PASSWORD_MIN_LENGTH) {
      throw new DomainError('auth.weak_password', `A meeting password needs at least ${PASSWORD_MIN_LENGTH} characters`);
    }
    const before = { locked: room.locked, lobby: room.lobby };
    if (change.locked !== undefined) room.locked = change.locked;
    if (change.password !== undefined) {
      await this.store.setRoomPassword(room.id, change.password === null ? null : await hashPassword(change.password));
    }
    if (change.lobby !== undefined) {
      room.lobby = change.lobby;
      // Turning the lobby off lets everyone who was waiting in.
      if (!change.lobby) for (const knock of this.rooms.lobby.pending(room.id)) await this.rooms.access.decide(room, knock.requestId, true);
    }
    if (room.locked !== before.locked || room.lobby !== before.lobby) await this.rooms.mirror.announceSettings(room);
    const settings = { locked: room.locked, lobby: room.lobby, hasPassword: (await this.store.getRoom(room.id))?.passwordHash != null };
    this.rooms.media.broadcast(room, 'room.updated', settings);
    return settings;
  }

  /** Mutes someone's microphone in the SFU; they are told and may unmute themselves. */
  async mute(session: SessionRef, targetId: ParticipantId): Promise<void> {
    const { room, participant: host } = await this.requireHost(session);
    const target = this.target(room, targetId);
    if (!target.local) return this.rooms.mirror.forwardHostAction(room, 'mute', target.id, host.name);
    await this.muteHere(room, target, host.name);
  }

  private async muteHere(room: Room, target: LocalParticipant, byName: string): Promise<void> {
    for (const track of target.published.values()) {
      if (track.source === 'microphone') await room.sfu.moderate(target.feedId, track.mid, true);
    }
    target.hostMuted = true;
    target.audioMuted = true;
    await this.rooms.changes.publish({ type: 'updated', room, participant: target, audience: 'everyone' });
    this.pusher.push(target.id, 'session.muted', { by: byName });
  }

  /** Removes someone; their token is revoked so it cannot bring them back. */
  async remove(session: SessionRef, targetId: ParticipantId): Promise<void> {
    const { room, participant: host } = await this.requireHost(session);
    if (targetId === session.participantId) throw new DomainError('auth.forbidden', 'Use "Leave call" to leave');
    const target = this.target(room, targetId);
    if (!target.local) return this.rooms.mirror.forwardHostAction(room, 'remove', target.id, host.name);
    await this.removeHere(room, target);
  }

  private async removeHere(room: Room, target: LocalParticipant): Promise<void> {
    await this.store.revokeSession(target.id, room.id, Date.now() + this.tokens.ttlSeconds * 1000);
    this.pusher.push(target.id, 'session.ended', { reason: 'removed' });
    this.pusher.disconnect(target.id);
    await this.rooms.leave({ room: room.id, participantId: target.id }, 'removed');
  }

  /** Makes someone a host too. */
  async promote(session: SessionRef, targetId: ParticipantId): Promise<void> {
    const { room, participant: host } = await this.requireHost(session);
    const target = this.target(room, targetId);
    if (target.role === 'host') return;
    if (!target.local) return this.rooms.mirror.forwardHostAction(room, 'promote', target.id, host.name);
    await this.promoteHere(room, target);
  }

  private async promoteHere(room: Room, target: LocalParticipant): Promise<void> {
    if (target.role === 'host') return;
    target.role = 'host';
    await this.rooms.changes.publish({ type: 'roleChanged', room, participant: target });
    // A new host sees who is waiting.
    for (const knock of this.rooms.lobby.pending(room.id)) {
      this.pusher.push(target.id, 'lobby.knocking', { requestId: knock.requestId, name: knock.name });
    }
  }

  /**
   * Answers a lobby request. One waiting on another gateway is answered there:
   * with several gateways, a request unknown here is handed on.
   */
  async admit(session: SessionRef, requestId: string, admit: boolean): Promise<void> {
    const { room } = await this.requireHost(session);
    if (await this.rooms.access.decide(room, requestId, admit)) return;
    if (this.rooms.mirror.gatewayId !== null) return this.rooms.mirror.forwardLobbyDecision(room, requestId, admit);
    throw new DomainError('validation.failed', 'That lobby request is no longer pending');
  }

  /** A host on another gateway acted on one of this gateway's participants (its role was checked there). */
  private async carryOut(room: Room, action: ForwardedHostAction, target: LocalParticipant, byName: string): Promise<void> {
    this.logger.log(`${action} of ${target.id} in ${room.id}, forwarded from another gateway`);
    switch (action) {
      case 'mute':
        return this.muteHere(room, target, byName);
      case 'remove':
        return this.removeHere(room, target);
      case 'promote':
        return this.promoteHere(room, target);
      default: {
        const unknown: never = action;
        throw new Error(`Unknown host action ${String(unknown)}`);
      }
    }
  }

  private async requireHost(session: SessionRef): Promise<{ room: Room; participant: LocalParticipant }> {
    const member = await this.rooms.member(session);
    if (member.participant.role !== 'host') throw new DomainError('auth.forbidden', 'Only a host can do that');
    return member;
  }

  private target(room: Room, id: ParticipantId): RoomMember {
    const target = room.get(id);
    if (target === undefined) throw new DomainError('validation.failed', 'That participant is not in this meeting');
    return target;
  }
}
