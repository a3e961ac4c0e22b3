import { Inject, Injectable } from '@nestjs/common';
import type { ParticipantId, RoomSettings, ValidRequest } from '@parley/protocol';
import { hashPassword } from '../auth/passwords';
import { SessionTokens } from '../auth/session-tokens';
import { DomainError } from '../errors';
import { STORE, type Store } from '../store/store';
import type { Participant } from './participant';
import { PUSHER, type Pusher } from './pusher';
import type { Room } from './room';
import { RoomsService, type SessionRef } from './rooms.service';

/**
 * What hosts may do to a room and its people. Every action checks the
 * caller's role first; guests get `auth.forbidden`.
 */
@Injectable()
export class HostService {
  constructor(
    private readonly rooms: RoomsService,
    @Inject(STORE) private readonly store: Store,
    @Inject(PUSHER) private readonly pusher: Pusher,
    private readonly tokens: SessionTokens,
  ) {}

  /** Locks or unlocks, sets or clears the password, turns the lobby on or off; tells everyone. */
  async settings(session: SessionRef, change: ValidRequest<'host.settings'>): Promise<RoomSettings> {
    const { room } = await this.requireHost(session);
    if (change.locked !== undefined) room.locked = change.locked;
    if (change.password !== undefined) {
      await this.store.setRoomPassword(room.id, change.password === null ? null : await hashPassword(change.password));
    }
    if (change.lobby !== undefined) {
      room.lobby = change.lobby;
      // Turning the lobby off lets everyone who was waiting in.
      if (!change.lobby) for (const knock of this.rooms.lobby.pending(room.id)) await this.decide(room, knock.requestId, true);
    }
    const settings = { locked: room.locked, lobby: room.lobby, hasPassword: (await this.store.getRoom(room.id))?.passwordHash != null };
    this.rooms.broadcast(room, 'room.updated', settings);
    return settings;
  }

  /** Mutes someone's microphone in the SFU; they are told and may unmute themselves. */
  async mute(session: SessionRef, targetId: ParticipantId): Promise<void> {
    const { room, participant: host } = await this.requireHost(session);
    const target = this.target(room, targetId);
    for (const track of target.published.values()) {
      if (track.source === 'microphone') await room.sfu.moderate(target.publisher.feedId, track.mid, true);
    }
    target.hostMuted = true;
    target.audioMuted = true;
    this.rooms.broadcast(room, 'participant.updated', target.info());
    this.pusher.push(target.id, 'session.muted', { by: host.name });
  }

  /** Removes someone; their token is revoked so it cannot bring them back. */
  async remove(session: SessionRef, targetId: ParticipantId): Promise<void> {
    const { room } = await this.requireHost(session);
    if (targetId === session.participantId) throw new DomainError('auth.forbidden', 'Use "Leave call" to leave');
    const target = this.target(room, targetId);
    await this.store.revokeSession(target.id, room.id, Date.now() + this.tokens.ttlSeconds * 1000);
    this.pusher.push(target.id, 'session.ended', { reason: 'removed' });
    this.pusher.disconnect(target.id);
    await this.rooms.leave({ room: room.id, participantId: target.id }, 'removed');
  }

  /** Makes someone a host too. */
  async promote(session: SessionRef, targetId: ParticipantId): Promise<void> {
    const { room } = await this.requireHost(session);
    const target = this.target(room, targetId);
    if (target.role === 'host') return;
    target.role = 'host';
    this.rooms.broadcast(room, 'participant.updated', target.info());
    // A new host sees who is waiting.
    for (const knock of this.rooms.lobby.pending(room.id)) {
      this.pusher.push(target.id, 'lobby.knocking', { requestId: knock.requestId, name: knock.name });
    }
  }

  /** Answers a lobby request. */
  async admit(session: SessionRef, requestId: string, admit: boolean): Promise<void> {
    const { room } = await this.requireHost(session);
    await this.decide(room, requestId, admit);
  }

  private async decide(room: Room, requestId: string, admit: boolean): Promise<void> {
    const knock = this.rooms.lobby.take(room.id, requestId);
    if (knock === undefined) throw new DomainError('validation.failed', 'That lobby request is no longer pending');
    if (admit) knock.deliver({ admitted: true, admitToken: await this.tokens.issueAdmit({ room: room.id, requestId }) });
    else knock.deliver({ admitted: false });
    for (const host of room.hosts) this.pusher.push(host.id, 'lobby.resolved', { requestId });
  }

  private async requireHost(session: SessionRef): Promise<{ room: Room; participant: Participant }> {
    const member = await this.rooms.member(session);
    if (member.participant.role !== 'host') throw new DomainError('auth.forbidden', 'Only a host can do that');
    return member;
  }

  private target(room: Room, id: ParticipantId): Participant {
    const target = room.get(id);
    if (target === undefined) throw new DomainError('validation.failed', 'That participant is not in this meeting');
    return target;
  }
}
