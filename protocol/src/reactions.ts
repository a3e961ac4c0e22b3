import * as z from 'zod';
import type { ParticipantId } from './ids';

/**
 * The reactions a participant can send, in the order the reaction bar shows
 * them, each with what a screen reader and a button label say of it.
 */
export const REACTIONS = [
  { emoji: '👍', name: 'thumbs up' },
  { emoji: '👏', name: 'applause' },
  { emoji: '😂', name: 'laughter' },
  { emoji: '🎉', name: 'celebration' },
  { emoji: '❤️', name: 'love' },
  { emoji: '😮', name: 'surprise' },
] as const;

/** One of {@link REACTIONS}' emoji. */
export type Reaction = (typeof REACTIONS)[number]['emoji'];

export const reactionSchema = z.enum(REACTIONS.map((reaction) => reaction.emoji) as [Reaction, ...Reaction[]]);

/**
 * How many reactions one participant may send: a burst of this many, then
 * {@link REACTION_RATE_PER_SECOND} a second; past it `reaction.send` fails
 * with `rate_limited`.
 */
export const REACTION_BURST = 6;
export const REACTION_RATE_PER_SECOND = 2;

/** The `reaction` push: who reacted, with what. Reactions are not stored. */
export interface ReactionEvent {
  readonly participantId: ParticipantId;
  readonly emoji: Reaction;
}
