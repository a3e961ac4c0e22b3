import { Injectable } from '@nestjs/common';
import type { IceCandidate, ParticipantInfo, PeerConnectionKind, PublishedTrack, RidOrder, Sdp, ValidRequest } from '@parley/protocol';
import { RoomsService, type SessionRef } from './rooms.service';

/**
 * What a joined participant asks for itself: publishing and unpublishing
 * its media, answering and shaping its subscription, trickling candidates,
 * and its own state (mute, camera, hand). Each acts on this gateway's own
 * participant of the session (`session.not_joined` otherwise).
 */
@Injectable()
export class ParticipantService {
  constructor(private readonly rooms: RoomsService) {}

  /**
   * Publishes (or renegotiates) a participant's media; returns the SFU's answer.
   * `ridOrder` passes on how the offer orders its simulcast rids.
   */
  async publish(session: SessionRef, offer: Sdp, tracks: readonly PublishedTrack[], ridOrder?: RidOrder): Promise<Sdp> {
    const { room, participant } = await this.rooms.member(session);
    const answer = await this.rooms.media.publish(room, participant, offer, tracks, ridOrder);
    this.rooms.mirror.announceWhenLive(room, participant);
    return answer;
  }

  async unpublish(session: SessionRef): Promise<void> {
    const { room, participant } = await this.rooms.member(session);
    const unpublished = this.rooms.media.unpublish(room, participant);
    await this.rooms.mirror.announce(room, participant);
    await unpublished;
  }

  async answer(session: SessionRef, seq: number, answer: Sdp): Promise<void> {
    const { participant } = await this.rooms.member(session);
    await participant.subscription.answer(seq, answer);
  }

  /** Records how the client shows its remote videos; the subscription follows. */
  async view(session: SessionRef, views: ValidRequest<'media.view'>['views']): Promise<void> {
    const { participant } = await this.rooms.member(session);
    participant.subscription.view(views);
  }

  async trickle(session: SessionRef, pc: PeerConnectionKind, candidate: IceCandidate): Promise<void> {
    const { participant } = await this.rooms.member(session);
    if (pc === 'publisher') await participant.publisher.trickle(candidate);
    else await participant.subscription.trickle(candidate);
  }

  /** Applies a participant's own state change and tells everyone else. */
  async update(session: SessionRef, change: ValidRequest<'participant.update'>): Promise<ParticipantInfo> {
    const { room, participant } = await this.rooms.member(session);
    const info = await this.rooms.media.update(room, participant, change);
    await this.rooms.changes.publish({ type: 'updated', room, participant, audience: 'others' });
    return info;
  }
}
