/**
 * A subscriber session's offer cycle as a table, like the client's
 * `connection-state.ts`: one offer is outstanding at a time, and what changes
 * meanwhile is remembered for the next one, so each edge is visible and
 * tested instead of an `awaitingSeq`/`dirty`/`closed` combination.
 *
 * - `idle` — no offer is outstanding: a change goes to the SFU;
 * - `offering` — the client has not answered the last offer yet (its seq is data, kept by the session);
 * - `offering-stale` — the same, and the room changed meanwhile: once answered, the subscription follows again;
 * - `closed` — the SFU subscriber is detached (or being detached); nothing starts any more.
 */
export type SubscriberPhase = 'idle' | 'offering' | 'offering-stale' | 'closed';

/**
 * What happens to it:
 * - `sync` — the room changed: the subscription should follow;
 * - `firstOffer` — the join asks for the first offer, to send in its reply;
 * - `due` — a queued change reaches its turn (changes run one after another);
 * - `offered` — the SFU made an offer;
 * - `answered` — the SFU took the client's answer to the outstanding offer;
 * - `close` — the session is closed.
 */
export type SubscriberSignal = 'sync' | 'firstOffer' | 'due' | 'offered' | 'answered' | 'close';

/**
 * Effects a transition asks for:
 * - `applyChanges` — queue a change behind the work already queued;
 * - `update` — this change goes ahead: the SFU subscribes and unsubscribes what differs from the room;
 * - `deliver` — number the offer and hand it to the client (pushed, or kept for the join reply);
 * - `detach` — stop the retry timer, let queued work end, close the SFU subscriber.
 */
export type SubscriberEffect = 'applyChanges' | 'update' | 'deliver' | 'detach';

/** One edge of the table. */
export interface SubscriberTransition {
  readonly next: SubscriberPhase;
  readonly effects: readonly SubscriberEffect[];
}

type Table = { readonly [P in SubscriberPhase]: Partial<Record<SubscriberSignal, SubscriberTransition>> };

const to = (next: SubscriberPhase, ...effects: SubscriberEffect[]): SubscriberTransition => ({ next, effects });

/** Every edge that changes something; anything absent keeps the phase and does nothing. */
export const SUBSCRIBER_TRANSITIONS: Table = {
  idle: {
    sync: to('idle', 'applyChanges'),
    firstOffer: to('idle', 'applyChanges'),
    due: to('idle', 'update'),
    offered: to('offering', 'deliver'),
    close: to('closed', 'detach'),
  },
  // No `firstOffer`: an offer was pushed while the join was under way, so the client takes it from the push.
  offering: {
    sync: to('offering-stale'),
    // A change queued before that offer was made goes into the next one.
    due: to('offering-stale'),
    answered: to('idle'),
    close: to('closed', 'detach'),
  },
  'offering-stale': {
    answered: to('idle', 'applyChanges'),
    close: to('closed', 'detach'),
  },
  // An offer made while closing is dropped; an answer is refused by the session (nothing is waiting for one).
  closed: {},
};

/** The pure transition function: `(phase, signal) → { next, effects }`. */
export function subscriberTransition(phase: SubscriberPhase, signal: SubscriberSignal): SubscriberTransition {
  return SUBSCRIBER_TRANSITIONS[phase][signal] ?? { next: phase, effects: [] };
}

/** Whether the client owes an answer to an offer in this phase. */
export function awaitsAnswer(phase: SubscriberPhase): boolean {
  return phase === 'offering' || phase === 'offering-stale';
}
