import { Injectable, computed } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import type { ChatMessage, ChatPage, MeetingInfo } from '@parley/protocol';
import { Subject, scan } from 'rxjs';
import { assertUnreachable } from '../core/assert-unreachable';

/** A message this client typed that the gateway has not acknowledged yet. */
export interface PendingMessage {
  /** The idempotency key sent with every attempt; the ack echoes it. */
  readonly clientId: string;
  /** Exactly what will be sent (already normalised). */
  readonly text: string;
  /** When it was typed (local clock), to place and group it until the server's `ts` replaces it. */
  readonly createdAt: number;
}

/**
 * Everything that changes what the chat shows:
 * - `page` — a page of stored history: the latest one from `room.join`, or an older
 *   one from `chat.history` (where it lands is decided by its ids, not by who fetched it);
 * - `received` — a `chat.message` push (someone else's message or a system line);
 * - `queued` / `acked` / `rejected` — the life of one of our own messages;
 * - `meeting` — a join said which meeting goes on: a different one than
 *   before (the room emptied and a new meeting began) starts the chat afresh.
 */
export type ChatEvent =
  | { readonly type: 'meeting'; readonly meeting: MeetingInfo }
  | { readonly type: 'page'; readonly page: ChatPage }
  | { readonly type: 'received'; readonly message: ChatMessage }
  | { readonly type: 'queued'; readonly pending: PendingMessage }
  | { readonly type: 'acked'; readonly message: ChatMessage }
  | { readonly type: 'rejected'; readonly clientId: string };

export interface ChatState {
  /** Stored messages, unique by id, ascending by id (the gateway's order). */
  readonly messages: readonly ChatMessage[];
  /** Our unacknowledged messages, in the order they were typed; always shown after the stored ones. */
  readonly pending: readonly PendingMessage[];
  /** Whether the gateway holds messages older than the oldest in `messages`. */
  readonly hasMore: boolean;
  /** The meeting these messages belong to (null before the first join). */
  readonly meeting: MeetingInfo | null;
}

export const EMPTY_CHAT: ChatState = { messages: [], pending: [], hasMore: false, meeting: null };

/**
 * Merges stored messages into a list that is sorted and unique by id. The
 * same message can arrive several ways — a push, an ack, the join page after
 * a rejoin, a retried send — and must show once (as components-js `chat.ts`
 * dedupes by id). The later copy wins, though copies of one id are equal.
 */
function mergeMessages(current: readonly ChatMessage[], incoming: readonly ChatMessage[]): readonly ChatMessage[] {
  if (incoming.length === 0) return current;
  const byId = new Map<number, ChatMessage>();
  for (const message of current) byId.set(message.id, message);
  for (const message of incoming) byId.set(message.id, message);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Drops pending entries the gateway has now stored (matched by clientId). */
function settlePending(pending: readonly PendingMessage[], stored: readonly ChatMessage[]): readonly PendingMessage[] {
  if (pending.length === 0) return pending;
  const settled = new Set(stored.map((m) => m.clientId).filter((id): id is string => id !== null));
  return settled.size === 0 ? pending : pending.filter((p) => !settled.has(p.clientId));
}

function addStored(state: ChatState, incoming: readonly ChatMessage[]): ChatState {
  return { ...state, messages: mergeMessages(state.messages, incoming), pending: settlePending(state.pending, incoming) };
}

/**
 * Whether older history exists after merging `page`: that is known by
 * whichever side holds the overall oldest message. A rejoin's latest page
 * must not forget that older pages were already loaded (or still exist).
 */
function hasMoreAfter(state: ChatState, page: ChatPage): boolean {
  const pageOldest = page.messages[0]?.id ?? Infinity;
  const stateOldest = state.messages[0]?.id ?? Infinity;
  return pageOldest <= stateOldest ? page.hasMore : state.hasMore;
}

/** The chat reducer: pure, so every merge rule is tested without Angular. */
export function foldChat(state: ChatState, event: ChatEvent): ChatState {
  switch (event.type) {
    case 'meeting':
      // What was typed and not yet sent stays: it goes to the meeting the person is in now.
      return state.meeting?.id === event.meeting.id ? state : { ...EMPTY_CHAT, pending: state.pending, meeting: event.meeting };
    case 'page':
      return { ...addStored(state, event.page.messages), hasMore: hasMoreAfter(state, event.page) };
    case 'received':
    case 'acked':
      return addStored(state, [event.message]);
    case 'queued': {
      const { pending } = event;
      // Already stored (a retry raced its own ack) or already queued: nothing new to show.
      if (state.messages.some((m) => m.clientId === pending.clientId)) return state;
      if (state.pending.some((p) => p.clientId === pending.clientId)) return state;
      return { ...state, pending: [...state.pending, pending] };
    }
    case 'rejected':
      return { ...state, pending: state.pending.filter((p) => p.clientId !== event.clientId) };
    default:
      return assertUnreachable(event);
  }
}

/**
 * The room's chat as this client knows it: stored history and pushes, plus
 * our own messages still on their way. Chat services feed it events; views
 * read signals. Provided per meeting.
 */
@Injectable()
export class ChatStore {
  private readonly events = new Subject<ChatEvent>();
  private readonly state = toSignal(this.events.pipe(scan(foldChat, EMPTY_CHAT)), { initialValue: EMPTY_CHAT });

  readonly messages = computed(() => this.state().messages);
  readonly pending = computed(() => this.state().pending);
  readonly hasMore = computed(() => this.state().hasMore);
  readonly meeting = computed(() => this.state().meeting);
  /** The oldest stored message id: the `before` of the next `chat.history` request. */
  readonly oldestId = computed(() => this.state().messages[0]?.id ?? null);
  /** The newest stored message id, to tell what is new since a given moment. */
  readonly newestId = computed(() => this.state().messages.at(-1)?.id ?? null);

  dispatch(event: ChatEvent): void {
    this.events.next(event);
  }
}
