import { CHAT_MAX_LENGTH, normalizeChatText } from '@parley/protocol';

/** From this many characters the composer shows how many are left. */
export const COUNTER_FROM = 1800;

/** What the composer knows about its draft's length. */
export interface DraftLength {
  /** Characters as the gateway will count them (after `normalizeChatText`). */
  readonly length: number;
  /** Characters left before the limit; negative when over it. */
  readonly remaining: number;
  /** Whether the counter is shown (near or over the limit). */
  readonly visible: boolean;
  readonly over: boolean;
  /** The counter's words, e.g. "150 characters left" or "12 characters too many". */
  readonly label: string;
}

/**
 * Measures a draft the way the gateway will: after the shared normalisation
 * (trimmed, CRLF folded, control characters dropped), against
 * `CHAT_MAX_LENGTH`. Counting the raw textarea value would disagree with
 * the gateway's `chat.too_long` near the limit.
 */
export function measureDraft(draft: string): DraftLength {
  const length = normalizeChatText(draft).length;
  const remaining = CHAT_MAX_LENGTH - length;
  const over = remaining < 0;
  const label = over
    ? `${-remaining} ${plural(-remaining)} too many`
    : `${remaining} ${plural(remaining)} left`;
  return { length, remaining, visible: length >= COUNTER_FROM, over, label };
}

function plural(n: number): string {
  return n === 1 ? 'character' : 'characters';
}

/** The error shown when a draft is over the limit (the same words whether the client or the gateway noticed). */
export function tooLongMessage(length: number): string {
  return `This message is ${length} characters long. The limit is ${CHAT_MAX_LENGTH}; shorten it to send.`;
}
