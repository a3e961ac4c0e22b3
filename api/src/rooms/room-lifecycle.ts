/**
 * A live room's lifecycle on this gateway as a table, like the client's
 * `connection-state.ts`: every edge is visible and tested, so no path can
 * leave a room open with nobody in it.
 *
 * - `opening` — its SFU room is being created (the doors were passed before);
 * - `open` — people are (or are about to be) in it;
 * - `emptying` — nobody is left; it closes when the grace ends unless someone comes;
 * - `closed` — its SFU room is destroyed (or released); the registry forgot it.
 */
export type RoomPhase = 'opening' | 'open' | 'emptying' | 'closed';

/**
 * What happens to a room:
 * - `opened` — its SFU room exists;
 * - `failed` — creating its SFU room failed;
 * - `occupied` — someone is in it (a join, a resume, a member on another gateway);
 * - `emptied` — the last one left, whichever path took them (leave, grace, removal, a refused join);
 * - `graceElapsed` — the empty-room grace ended;
 * - `shutdown` — the gateway stops.
 */
export type RoomSignal = 'opened' | 'failed' | 'occupied' | 'emptied' | 'graceElapsed' | 'shutdown';

/**
 * Effects a transition asks for:
 * - `startGrace` / `cancelGrace` — the empty-room timer;
 * - `forget` — drop it from the registry (a later join opens a new room);
 * - `close` — close its participants and its SFU room.
 */
export type RoomEffect = 'startGrace' | 'cancelGrace' | 'forget' | 'close';

/** One edge of the table. */
export interface RoomTransition {
  readonly next: RoomPhase;
  readonly effects: readonly RoomEffect[];
}

type Table = { readonly [P in RoomPhase]: Partial<Record<RoomSignal, RoomTransition>> };

const to = (next: RoomPhase, ...effects: RoomEffect[]): RoomTransition => ({ next, effects });

/** Every edge that changes something; anything absent keeps the phase and does nothing. */
export const ROOM_TRANSITIONS: Table = {
  opening: {
    opened: to('open'),
    failed: to('closed', 'forget'),
    // Its creation settles later: the registry closes what it brings.
    shutdown: to('closed', 'forget'),
  },
  open: {
    emptied: to('emptying', 'startGrace'),
    shutdown: to('closed', 'forget', 'close'),
  },
  emptying: {
    // `emptied` again (a refused join) keeps the running grace: refusals cannot keep an empty room alive.
    occupied: to('open', 'cancelGrace'),
    graceElapsed: to('closed', 'forget', 'close'),
    shutdown: to('closed', 'cancelGrace', 'forget', 'close'),
  },
  closed: {},
};

/** The pure transition function: `(phase, signal) → { next, effects }`. */
export function roomTransition(phase: RoomPhase, signal: RoomSignal): RoomTransition {
  return ROOM_TRANSITIONS[phase][signal] ?? { next: phase, effects: [] };
}
