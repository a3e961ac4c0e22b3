/** Anything that can raise a hand: a participant, or a tile showing one. */
export interface HandHolder {
  readonly handRaisedAt: number | null;
}

/**
 * Those with a raised hand, first raised first: the order a host calls on
 * people in. Ties (the same millisecond) break by `idOf`, so every client
 * shows the same queue.
 */
export function raisedHandsInOrder<T extends HandHolder>(people: readonly T[], idOf: (person: T) => string): T[] {
  return people
    .filter((person) => person.handRaisedAt !== null)
    .sort((a, b) => (a.handRaisedAt ?? 0) - (b.handRaisedAt ?? 0) || idOf(a).localeCompare(idOf(b)));
}

/** Each raised hand's place in the queue (1 = first raised), by id. */
export function handQueue<T extends HandHolder>(people: readonly T[], idOf: (person: T) => string): ReadonlyMap<string, number> {
  return new Map(raisedHandsInOrder(people, idOf).map((person, i) => [idOf(person), i + 1]));
}

/**
 * The order tiles are laid out in: oneself first, then raised hands in
 * queue order, then everyone else as they joined. Raising a hand thus
 * brings someone onto the first page and the front of the speaker strip,
 * where the others will notice it.
 */
export function stageOrder<T extends HandHolder & { readonly participantId: string; readonly isSelf: boolean }>(
  tiles: readonly T[],
): T[] {
  const self = tiles.filter((tile) => tile.isSelf);
  const others = tiles.filter((tile) => !tile.isSelf);
  const hands = raisedHandsInOrder(others, (tile) => tile.participantId);
  return [...self, ...hands, ...others.filter((tile) => tile.handRaisedAt === null)];
}
