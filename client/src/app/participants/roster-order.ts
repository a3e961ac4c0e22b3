import type { ParticipantInfo } from '@parley/protocol';
import { handQueue, raisedHandsInOrder } from '../core/call/raised-hands';

/** One row of the participants panel. */
export interface RosterEntry {
  readonly participant: ParticipantInfo;
  readonly isSelf: boolean;
  /** Place in the raised-hand queue (1 = raised first), or null with the hand down. */
  readonly handPosition: number | null;
}

/**
 * The participants panel's order, the same as the call's tiles
 * (`stageOrder`): oneself first, so one's own state is always in the same
 * place; then raised hands in the order they were raised, the queue a host
 * calls on; then everyone else in the order they joined. A raised hand of
 * one's own keeps its number in the queue, so the numbers read the same on
 * every screen.
 */
export function rosterOrder(self: ParticipantInfo | null, others: readonly ParticipantInfo[]): RosterEntry[] {
  const everyone = self ? [self, ...others] : [...others];
  const queue = handQueue(everyone, (p) => p.id);
  const entry = (participant: ParticipantInfo): RosterEntry => ({
    participant,
    isSelf: participant.id === self?.id,
    handPosition: queue.get(participant.id) ?? null,
  });
  const rest = others.filter((p) => p.handRaisedAt === null);
  const byJoin = [...rest].sort((a, b) => a.joinedAt - b.joinedAt);
  return [
    ...(self ? [entry(self)] : []),
    ...raisedHandsInOrder(others, (p) => p.id).map(entry),
    ...byJoin.map(entry),
  ];
}
