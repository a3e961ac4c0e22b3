import './zod'; // First: configures zod before any schema is built (and see there why z comes from 'zod').
import * as z from 'zod';
import type { ParticipantId } from './ids';

/** The longest chat message, in characters after normalisation. */
export const CHAT_MAX_LENGTH = 2000;

/** How many messages `room.join` and one `chat.history` page carry at most. */
export const CHAT_PAGE_SIZE = 50;

/**
 * Normalises chat text the same way on both ends: Unicode NFC, control
 * characters removed except newline and tab, CRLF folded, trimmed.
 */
export function normalizeChatText(text: string): string {
  return (
    text
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
      .trim()
  );
}

/** A client-chosen id that makes `chat.send` idempotent (a UUID in practice). */
export const chatClientIdSchema = z
  .string()
  .min(8, 'clientId is too short')
  .max(64, 'clientId is too long')
  .regex(/^[A-Za-z0-9_-]+$/, 'clientId may only contain letters, digits, "-" and "_"');

/** One line of a room's chat. */
export interface ChatMessage {
  /** Server id: increases with every message in the gateway's store, so it orders history. */
  readonly id: number;
  /** `user` lines are typed by someone; `system` lines say who joined or left. */
  readonly kind: 'user' | 'system';
  /** The sender's idempotency key (`user` lines), echoed so the sender can match its own. */
  readonly clientId: string | null;
  readonly senderId: ParticipantId | null;
  /** The sender's display name when it was sent (kept after they leave). */
  readonly senderName: string;
  /** Plain text. Never HTML: clients must render it as text. */
  readonly text: string;
  /** Milliseconds since the epoch, server clock. */
  readonly ts: number;
}

/** A page of history, oldest first; `hasMore` says whether older messages exist. */
export interface ChatPage {
  readonly messages: readonly ChatMessage[];
  readonly hasMore: boolean;
}
