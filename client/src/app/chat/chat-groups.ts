import type { ChatMessage, ParticipantId } from '@parley/protocol';
import type { PendingMessage } from './chat-store';

/** Consecutive messages of one person closer together than this share one header. */
export const GROUP_WINDOW_MS = 5 * 60 * 1000;

/** One message as the list shows it. */
export interface ChatLine {
  /** Stable across the pending → stored swap (the clientId when there is one), so the DOM node is kept. */
  readonly key: string;
  readonly text: string;
  readonly ts: number;
  /** True until the gateway has stored it. */
  readonly sending: boolean;
}

/** A run of one person's messages under one name and time, or one system line. */
export type ChatGroup =
  | {
      readonly kind: 'user';
      readonly key: string;
      readonly senderId: ParticipantId | null;
      readonly senderName: string;
      /** Typed by this client's person (now or under an earlier identity of this tab). */
      readonly own: boolean;
      readonly lines: readonly ChatLine[];
    }
  | { readonly kind: 'system'; readonly key: string; readonly text: string; readonly ts: number };

/** Who "we" are, to mark our own messages. */
export interface ChatSelf {
  readonly id: ParticipantId | null;
  readonly name: string;
  /** Client ids this tab sent: ours even if the participant id changed (a fresh join after a failure). */
  readonly clientIds: ReadonlySet<string>;
}

const lineKey = (message: ChatMessage): string => message.clientId ?? `id:${message.id}`;

/**
 * Groups the chat for display: stored messages in id order, then pending
 * ones; consecutive messages of the same sender within {@link GROUP_WINDOW_MS}
 * of the previous one share a group; system lines stand alone and end a group.
 */
export function groupChat(messages: readonly ChatMessage[], pending: readonly PendingMessage[], self: ChatSelf): ChatGroup[] {
  const groups: ChatGroup[] = [];
  const add = (senderId: ParticipantId | null, senderName: string, own: boolean, line: ChatLine): void => {
    const last = groups.at(-1);
    const previous = last?.kind === 'user' ? last.lines.at(-1) : undefined;
    const sameSender = last?.kind === 'user' && (own ? last.own : !last.own && last.senderId === senderId);
    if (last?.kind === 'user' && previous && sameSender && line.ts - previous.ts <= GROUP_WINDOW_MS) {
      groups[groups.length - 1] = { ...last, lines: [...last.lines, line] };
      return;
    }
    groups.push({ kind: 'user', key: `g:${line.key}`, senderId, senderName, own, lines: [line] });
  };
  for (const message of messages) {
    if (message.kind === 'system') {
      groups.push({ kind: 'system', key: `id:${message.id}`, text: message.text, ts: message.ts });
      continue;
    }
    const own =
      (self.id !== null && message.senderId === self.id) || (message.clientId !== null && self.clientIds.has(message.clientId));
    add(message.senderId, message.senderName, own, { key: lineKey(message), text: message.text, ts: message.ts, sending: false });
  }
  for (const p of pending) {
    add(self.id, self.name, true, { key: p.clientId, text: p.text, ts: p.createdAt, sending: true });
  }
  return groups;
}
