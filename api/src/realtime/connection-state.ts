/**
 * One socket's lifecycle on the gateway as a table, like the client's
 * `connection-state.ts`: a second `room.join` while one is in flight, a
 * disconnect in the middle of a join, a leave racing a close, each is one
 * visible edge rather than a combination of `socket.data` fields.
 *
 * - `idle` — connected, in no room (maybe knocking at one);
 * - `joining` — a `room.join` is being answered;
 * - `in-room` — joined: requests act on the session;
 * - `leaving` — a `room.leave` is being carried out;
 * - `closed` — the socket is gone; nothing starts any more.
 */
export type ConnectionPhase = 'idle' | 'joining' | 'in-room' | 'leaving' | 'closed';

/**
 * What happens to it: `join` (a `room.join` arrives), `joined` / `failed`
 * (it settled), `leave` (a `room.leave` arrives), `left` (it settled),
 * `close` (the socket disconnected).
 */
export type ConnectionSignal = 'join' | 'joined' | 'failed' | 'leave' | 'left' | 'close';

/**
 * Effects a transition asks for:
 * - `refuseBusy` / `refuseJoined` / `refuseNotJoined` — answer the request with
 *   `room.busy` / `session.already_joined` / `session.not_joined`;
 * - `withdrawKnock` — a pending lobby knock of this connection is withdrawn;
 * - `startTimers` / `stopTimers` — token and TURN refreshes of the session;
 * - `release` — the session's participant is held for resumption (or leaves);
 * - `undoJoin` — a join that succeeded after the socket closed leaves at once.
 */
export type ConnectionEffect =
  | 'refuseBusy'
  | 'refuseJoined'
  | 'refuseNotJoined'
  | 'withdrawKnock'
  | 'startTimers'
  | 'stopTimers'
  | 'release'
  | 'undoJoin';

/** One edge of the table. */
export interface ConnectionTransition {
  readonly next: ConnectionPhase;
  readonly effects: readonly ConnectionEffect[];
}

type Table = { readonly [P in ConnectionPhase]: Partial<Record<ConnectionSignal, ConnectionTransition>> };

const to = (next: ConnectionPhase, ...effects: ConnectionEffect[]): ConnectionTransition => ({ next, effects });

/** Every edge that changes something; anything absent keeps the phase and does nothing. */
export const CONNECTION_TRANSITIONS: Table = {
  idle: {
    // One knock per connection: a new join withdraws the previous knock.
    join: to('joining', 'withdrawKnock'),
    leave: to('idle', 'refuseNotJoined'),
    close: to('closed', 'withdrawKnock'),
  },
  joining: {
    join: to('joining', 'refuseBusy'),
    joined: to('in-room', 'startTimers'),
    failed: to('idle'),
    leave: to('joining', 'refuseBusy'),
    close: to('closed', 'withdrawKnock'),
  },
  'in-room': {
    join: to('in-room', 'refuseJoined'),
    leave: to('leaving', 'stopTimers'),
    close: to('closed', 'stopTimers', 'release'),
  },
  leaving: {
    join: to('leaving', 'refuseBusy'),
    leave: to('leaving', 'refuseBusy'),
    left: to('idle'),
    close: to('closed'),
  },
  closed: {
    join: to('closed', 'refuseNotJoined'),
    leave: to('closed', 'refuseNotJoined'),
    joined: to('closed', 'undoJoin'),
  },
};

/** The pure transition function: `(phase, signal) → { next, effects }`. */
export function connectionTransition(phase: ConnectionPhase, signal: ConnectionSignal): ConnectionTransition {
  return CONNECTION_TRANSITIONS[phase][signal] ?? { next: phase, effects: [] };
}
