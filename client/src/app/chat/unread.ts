import type { ChatMessage, ParticipantId } from '@parley/protocol';

/**
 * How many messages the person has not seen: other people's messages stored
 * after `readUpTo` (the newest id they had in view). System lines ("Ada
 * joined") and one's own messages never count — the roster shows the first,
 * and nobody needs to be told about the second.
 */
export function countUnread(
  messages: readonly ChatMessage[],
  readUpTo: number | null,
  self: ParticipantId | null,
  ownClientIds: ReadonlySet<string> = new Set(),
): number {
  let unread = 0;
  // Messages are sorted by id, so walk back from the newest and stop at the read mark.
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message === undefined || (readUpTo !== null && message.id <= readUpTo)) break;
    if (message.kind !== 'user' || (self !== null && message.senderId === self)) continue;
    if (message.clientId !== null && ownClientIds.has(message.clientId)) continue;
    unread++;
  }
  return unread;
}

/** The toggle's accessible name: "Chat", or "Chat, 3 unread". */
export function chatButtonLabel(unread: number): string {
  return unread === 0 ? 'Chat' : `Chat, ${unread} unread`;
}

/** The badge text: the count, capped so it fits the button. */
export function unreadBadge(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}
