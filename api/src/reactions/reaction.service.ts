import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { REACTION_BURST, REACTION_RATE_PER_SECOND, type ParticipantId, type Reaction } from '@parley/protocol';
import type { Subscription } from 'rxjs';
import { TokenBucket } from '../chat/token-bucket';
import { DomainError } from '../errors';
import { PUSHER, type Pusher } from '../rooms/pusher';
import { RoomsService, type SessionRef } from '../rooms/rooms.service';

/**
 * Reactions: shown to everyone in the sender's room through the room's
 * channel (so across gateways too), rate-limited per participant, never
 * stored. A bucket is dropped when its participant leaves.
 */
@Injectable()
export class ReactionService implements OnModuleInit, OnApplicationShutdown {
  private readonly buckets = new Map<ParticipantId, TokenBucket>();
  private subscription: Subscription | undefined;

  constructor(
    private readonly rooms: RoomsService,
    @Inject(PUSHER) private readonly pusher: Pusher,
  ) {}

  onModuleInit(): void {
    this.subscription = this.rooms.events.subscribe((event) => {
      if (event.type === 'left') this.buckets.delete(event.participantId);
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  /** Shows `emoji` over the sender's tile to the others in its room. */
  async send(session: SessionRef, emoji: Reaction): Promise<void> {
    const { room, participant } = await this.rooms.member(session);
    let bucket = this.buckets.get(participant.id);
    if (bucket === undefined) {
      bucket = new TokenBucket(REACTION_RATE_PER_SECOND, REACTION_BURST);
      this.buckets.set(participant.id, bucket);
    }
    if (!bucket.take()) throw new DomainError('rate_limited', 'You are reacting too fast; wait a moment');
    this.pusher.pushToRoom(room, participant.id, 'reaction', { participantId: participant.id, emoji });
  }

  /** How many participants have a bucket (tests: nothing is kept for those who left). */
  get tracked(): number {
    return this.buckets.size;
  }
}
