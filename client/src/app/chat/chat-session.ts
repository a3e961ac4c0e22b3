import { DestroyRef, Injectable, computed, effect, inject, signal, untracked } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { CHAT_PAGE_SIZE, type ChatMessage, type ChatPage, type JoinResult, type RoomId } from '@parley/protocol';
import { SignalingClient } from '../core/signaling/signaling-client';
import { describeError } from '../core/signaling/signaling-error';
import { CallSession } from '../core/call/call-session';
import { ParticipantsStore } from '../core/call/participants-store';
import { groupChat, type ChatGroup } from './chat-groups';
import { ChatOutbox } from './chat-outbox';
import { ChatStore } from './chat-store';
import { chatTranscript, transcriptName } from './chat-transcript';
import { countUnread } from './unread';

/** After a rejoin, at most this many pages are fetched to close the gap left while away. */
const MAX_GAP_PAGES = 20;
/** "Download chat" fetches at most this many pages of history (10,000 messages). */
const MAX_DOWNLOAD_PAGES = 200;

/** How many recent announcements the live region keeps (older ones have been read out). */
const ANNOUNCEMENTS_KEPT = 5;

/** One line for the screen reader's polite live region. */
export interface ChatAnnouncement {
  readonly id: number;
  readonly text: string;
}

/**
 * The meeting's chat: folds the join page, `chat.message` pushes and
 * history pages into the store; after each rejoin merges the new latest
 * page (and fetches any messages missed while away) and lets the outbox
 * send what was typed offline; counts unread messages; and says new ones
 * out loud through a live region.
 *
 * Provided by the room page and created with it (before the first join), so
 * no push is missed while the call view is not yet on screen.
 */
@Injectable()
export class ChatSession {
  private readonly signaling = inject(SignalingClient);
  private readonly call = inject(CallSession);
  private readonly participants = inject(ParticipantsStore);
  private readonly store = inject(ChatStore);
  private readonly outbox = inject(ChatOutbox);

  private room: RoomId | null = null;
  private readonly readUpTo = signal<number | null>(null);
  private readonly loadingSignal = signal(false);
  private readonly historyErrorSignal = signal<string | null>(null);
  private readonly announcementsSignal = signal<readonly ChatAnnouncement[]>([]);
  private joinedOnce = false;

  readonly hasMore = this.store.hasMore;
  readonly loadingEarlier = this.loadingSignal.asReadonly();
  /** Why "Load earlier messages" failed, until the next try. */
  readonly historyError = this.historyErrorSignal.asReadonly();
  readonly rejection = this.outbox.rejection;
  readonly announcements = this.announcementsSignal.asReadonly();

  readonly groups = computed<ChatGroup[]>(() => {
    const self = this.participants.self();
    return groupChat(this.store.messages(), this.store.pending(), {
      id: self?.id ?? null,
      name: self?.name ?? this.call.name(),
      clientIds: this.outbox.ownClientIds(),
    });
  });
  readonly unread = computed(() =>
    countUnread(this.store.messages(), this.readUpTo(), this.participants.self()?.id ?? null, this.outbox.ownClientIds()),
  );

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.signaling
      .push('chat.message')
      .pipe(takeUntilDestroyed(destroyRef))
      .subscribe((message) => this.receive(message));
    this.call.joins$.pipe(takeUntilDestroyed(destroyRef)).subscribe((result) => void this.joined(result));
    // Sending stops the moment the socket or the session is gone; joins$ starts it again.
    effect(() => {
      const online = this.signaling.state() === 'connected' && this.call.phase().kind === 'joined';
      if (!online) untracked(() => this.outbox.offline());
    });
  }

  /** Queues a message (see ChatOutbox); returns false when there was nothing to send. */
  send(text: string): boolean {
    return this.outbox.submit(text) !== null;
  }

  clearRejection(): void {
    this.outbox.clearRejection();
  }

  /** The person has seen everything up to `id` (the panel is open). */
  markRead(id: number | null): void {
    if (id !== null && id > (this.readUpTo() ?? -1)) this.readUpTo.set(id);
  }

  /** The meeting's whole chat as a Markdown file ("Download chat"); null before the first join. */
  async transcript(): Promise<{ name: string; text: string } | null> {
    const meeting = this.store.meeting();
    const room = this.room;
    if (meeting === null || room === null) return null;
    const messages = await this.everything();
    return { name: transcriptName(room, meeting), text: chatTranscript(room, meeting, messages) };
  }

  /** Every message of the meeting, fetching the history not loaded yet. */
  private async everything(): Promise<readonly ChatMessage[]> {
    for (let i = 0; i < MAX_DOWNLOAD_PAGES && this.store.hasMore(); i++) {
      const before = this.store.oldestId();
      if (before === null) break;
      this.store.dispatch({ type: 'page', page: await this.signaling.request('chat.history', { before, limit: CHAT_PAGE_SIZE }) });
    }
    return this.store.messages();
  }

  /** "Load earlier messages": the page before the oldest one shown. */
  async loadEarlier(): Promise<void> {
    const before = this.store.oldestId();
    if (this.loadingSignal() || !this.store.hasMore() || before === null) return;
    this.loadingSignal.set(true);
    this.historyErrorSignal.set(null);
    try {
      const page = await this.signaling.request('chat.history', { before, limit: CHAT_PAGE_SIZE });
      this.store.dispatch({ type: 'page', page });
    } catch (error) {
      this.historyErrorSignal.set(`Could not load earlier messages. ${describeError(error)}`);
    } finally {
      this.loadingSignal.set(false);
    }
  }

  private receive(message: ChatMessage): void {
    const known = this.store.messages().some((m) => m.id === message.id);
    this.store.dispatch({ type: 'received', message });
    if (!known) this.announce(message);
  }

  private async joined(result: JoinResult): Promise<void> {
    // A new meeting in the room (everyone had left meanwhile) starts an empty chat: nothing to catch up on.
    const sameMeeting = this.store.meeting()?.id === result.meeting.id;
    this.room = result.room;
    this.store.dispatch({ type: 'meeting', meeting: result.meeting });
    const newestBefore = sameMeeting ? this.store.newestId() : null;
    this.store.dispatch({ type: 'page', page: result.chat });
    if (!this.joinedOnce) {
      // History from before we came is not "unread": the count starts now.
      this.joinedOnce = true;
      this.markRead(this.store.newestId());
    }
    this.outbox.joined();
    if (newestBefore !== null) await this.fillGap(newestBefore, result.chat);
    await this.catchUp();
  }

  /**
   * The gateway reads the join page before it starts pushing to this
   * connection, so a message stored in between reaches us by neither. The
   * latest page, asked for once the join is acknowledged (pushes flow by
   * then), holds it; merging by id makes the overlap harmless.
   */
  private async catchUp(): Promise<void> {
    try {
      this.store.dispatch({ type: 'page', page: await this.signaling.request('chat.history', { limit: CHAT_PAGE_SIZE }) });
    } catch (error) {
      console.warn('Parley: could not check for chat sent while joining', error);
    }
  }

  /**
   * A rejoin's page holds only the latest messages; if more arrived while we
   * were away than fit in it, fetch backwards until we reach what we had.
   */
  private async fillGap(newestBefore: number, latest: ChatPage): Promise<void> {
    let page = latest;
    for (let i = 0; i < MAX_GAP_PAGES; i++) {
      const oldest = page.messages[0]?.id;
      if (!page.hasMore || oldest === undefined || oldest <= newestBefore) return;
      try {
        page = await this.signaling.request('chat.history', { before: oldest, limit: CHAT_PAGE_SIZE });
      } catch (error) {
        console.warn('Parley: could not fetch chat missed while reconnecting', error);
        return;
      }
      this.store.dispatch({ type: 'page', page });
    }
  }

  private announce(message: ChatMessage): void {
    if (message.kind === 'user' && message.senderId !== null && message.senderId === this.participants.self()?.id) return;
    const text = message.kind === 'system' ? message.text : `${message.senderName}: ${message.text}`;
    this.announcementsSignal.update((list) => [...list, { id: message.id, text }].slice(-ANNOUNCEMENTS_KEPT));
  }
}
