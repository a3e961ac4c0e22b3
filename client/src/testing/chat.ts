import type { ChatMessage, ParticipantId } from '@parley/protocol';

/** A stored chat message for specs; `user` lines from `senderId`, with any field overridden. */
export function chatMessage(id: number, senderId: string | null, text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id,
    kind: 'user',
    clientId: senderId === null ? null : `client-${id}`,
    senderId: senderId as ParticipantId | null,
    senderName: senderId ?? '',
    text,
    ts: 1_700_000_000_000 + id * 1000,
    ...extra,
  };
}

/** A system line ("Ada joined"). */
export function systemLine(id: number, text: string): ChatMessage {
  return chatMessage(id, null, text, { kind: 'system', senderName: text.split(' ')[0] ?? '' });
}
