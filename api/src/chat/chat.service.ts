import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  CHAT_MAX_LENGTH,
  CHAT_PAGE_SIZE,
  normalizeChatText,
  type ChatMessage,
  type ChatPage,
  type ParticipantId,
} from '@parley/protocol';
import type { Subscription } from 'rxjs';
import type { Config } from '../config/config';
import { CONFIG } from '../config/config.token';
import { DomainError } from '../errors';
import { PUSHER, type Pusher } from '../rooms/pusher';
import type { RoomEvent } from '../rooms/room-events';
import { RoomsService, type SessionRef } from '../rooms/rooms.service';
import { STORE, type ChatDraft, type Store } from '../store/store';
import { TokenBucket } from './token-bucket';

/** How often the retention job runs. */
export const RETENTION_INTERVAL_MS = 3600 * 1000;

/**
 * A meeting's chat: every message stored under the meeting before it is
 * delivered, delivered once (idempotent on the sender's clientId),
 * rate-limited per participant, and read only by those in that meeting.
 * When the meeting ends it is deleted, or kept out of sight for the
 * configured days (`CHAT_RETENTION`, see `Meetings`).
 */
@Injectable()
export class ChatService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ChatService.name);
  private readonly buckets = new Map<ParticipantId, TokenBucket>();
  private subscription: Subscription | undefined;
  private retentionTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly rooms: RoomsService,
    @Inject(STORE) private readonly store: Store,
    @Inject(PUSHER) private readonly pusher: Pusher,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  onModuleInit(): void {
    this.subscription = this.rooms.events.subscribe((event) => {
      this.onRoomEvent(event).catch((error: unknown) => this.logger.error(`System line for ${event.type}: ${String(error)}`));
    });
    this.retentionTimer = setInterval(() => {
      this.purgeExpired().catch((error: unknown) => this.logger.error(`Chat retention: ${String(error)}`));
    }, RETENTION_INTERVAL_MS);
    this.retentionTimer.unref();
    this.purgeExpired().catch((error: unknown) => this.logger.error(`Chat retention: ${String(error)}`));
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
    clearInterval(this.retentionTimer);
  }

  /** Stores and delivers one message; a repeated clientId returns the stored one and delivers nothing. */
  async send(session: SessionRef, clientId: string, rawText: string): Promise<ChatMessage> {
    const { room, participant } = await this.rooms.member(session);
    const text = normalizeChatText(rawText);
    if (text.length === 0) throw new DomainError('chat.empty', 'The message is empty');
    if (text.length > CHAT_MAX_LENGTH) {
      throw new DomainError('chat.too_long', `The message is ${text.length} characters long; the limit is ${CHAT_MAX_LENGTH}`);
    }
    if (!this.bucketOf(participant.id).take()) {
      throw new DomainError('rate_limited', 'You are sending messages too fast; wait a moment');
    }
    const { message, created } = await this.store.appendChat(room.id, room.meeting.id, {
      kind: 'user',
      clientId,
      senderId: participant.id,
      senderName: participant.name,
      text,
      ts: Date.now(),
    });
    if (created) this.pusher.pushToRoom(room, participant.id, 'chat.message', message);
    return message;
  }

  /** A page of the meeting's history older than `before`, for someone in the meeting. */
  async history(session: SessionRef, before: number | undefined, limit: number | undefined): Promise<ChatPage> {
    const { room } = await this.rooms.member(session);
    return this.store.chatPage(room.id, room.meeting.id, limit ?? CHAT_PAGE_SIZE, before);
  }

  /** Deletes chat kept past its retention (see `Meetings.purge`). */
  async purgeExpired(now = Date.now()): Promise<number> {
    const removed = await this.rooms.meetings.purge(now);
    if (removed > 0) this.logger.log(`Chat retention removed ${removed} messages`);
    return removed;
  }

  private async onRoomEvent(event: RoomEvent): Promise<void> {
    if (event.type === 'left') this.buckets.delete(event.participantId);
    if (!this.config.chat.systemMessages) return;
    const draft: ChatDraft = {
      kind: 'system',
      clientId: null,
      senderId: null,
      senderName: event.name,
      text: event.type === 'joined' ? `${event.name} joined` : `${event.name} left`,
      ts: Date.now(),
    };
    const { message } = await this.store.appendChat(event.room, event.meeting, draft);
    const room = await this.rooms.liveRoom(event.room);
    if (room !== undefined) this.pusher.pushToRoom(room, null, 'chat.message', message);
  }

  private bucketOf(id: ParticipantId): TokenBucket {
    let bucket = this.buckets.get(id);
    if (bucket === undefined) {
      bucket = new TokenBucket(this.config.chat.ratePerSecond, this.config.chat.burst);
      this.buckets.set(id, bucket);
    }
    return bucket;
  }
}
