/**
 * One's own screen share as an explicit state machine: one state name and
 * a pure transition table (like the signaling connection's), so every edge
 * is visible and tested, instead of a phase plus `stopWanted` and
 * `destroyed` flags.
 * - `starting` — the picker is open, or what was picked is being published;
 * - `starting_then_stop` — the same, with "Stop" pressed meanwhile: honoured once started;
 * - `closed` — the call view went away; whatever still arrives is stopped.
 */
export type ScreenShareState = 'idle' | 'starting' | 'starting_then_stop' | 'sharing' | 'stopping' | 'closed';

/**
 * What happens to the share:
 * - `start` — "Share screen"; `stop` — "Stop sharing", or the browser's own
 *   bar (or the shared window closing) ending the captured track;
 * - `picked` — the picker gave tracks; `cancelled` — the person closed it;
 *   `capture_failed` — the browser or the system refused to capture;
 * - `published` — the screen is on the call; `refused` — the gateway refused it (the share limit, ...);
 * - `unpublished` — the screen is off the call (or the gateway did not answer: it is off the sender anyway);
 * - `lost` — the screen could not follow a new publisher connection (after a resume or an SFU restart);
 * - `destroy` — the call view goes away.
 */
export type ScreenShareEvent =
  | 'start'
  | 'stop'
  | 'picked'
  | 'cancelled'
  | 'capture_failed'
  | 'published'
  | 'refused'
  | 'unpublished'
  | 'lost'
  | 'destroy';

/**
 * Side effects a transition asks for, run in this order:
 * - `clear_notice` — forget what the last share said;
 * - `open_picker` — a new attempt: the browser's picker, then `picked`, `cancelled` or `capture_failed`;
 * - `publish` — hold the picked tracks (listening for their end) and put them on the call, then `published` or `refused`;
 * - `discard` — stop the picked tracks: nobody wants them any more;
 * - `unpublish` — take the screen off the call, then `unpublished`;
 * - `release` — stop the held tracks;
 * - `notice` — say why the share could not start or ended on its own.
 */
export type ScreenShareEffect = 'clear_notice' | 'open_picker' | 'publish' | 'discard' | 'unpublish' | 'release' | 'notice';

export interface ScreenShareTransition {
  readonly next: ScreenShareState;
  readonly effects: readonly ScreenShareEffect[];
}

type Table = { readonly [S in ScreenShareState]: Partial<Record<ScreenShareEvent, ScreenShareTransition>> };

const to = (next: ScreenShareState, ...effects: ScreenShareEffect[]): ScreenShareTransition => ({ next, effects });

const refused = to('idle', 'release', 'notice');
const lost = to('idle', 'release', 'notice');
const destroy = to('closed', 'release');

/**
 * Every edge that changes something; anything absent keeps the state and
 * does nothing: for example `published` after `lost` (that attempt is over),
 * or anything once closed (the call is over, and its publishing forgets the
 * screen itself). A pick that arrives when nothing waits for one is stopped,
 * whatever the state.
 */
export const SCREEN_SHARE_TRANSITIONS: Table = {
  idle: { start: to('starting', 'clear_notice', 'open_picker'), picked: to('idle', 'discard'), destroy },
  starting: {
    stop: to('starting_then_stop'),
    picked: to('starting', 'publish'),
    cancelled: to('idle'),
    capture_failed: to('idle', 'notice'),
    published: to('sharing'),
    refused,
    lost,
    destroy,
  },
  starting_then_stop: {
    picked: to('starting_then_stop', 'publish'),
    cancelled: to('idle'),
    capture_failed: to('idle', 'notice'),
    published: to('stopping', 'unpublish'),
    refused,
    lost,
    destroy,
  },
  sharing: { stop: to('stopping', 'unpublish'), picked: to('sharing', 'discard'), lost, destroy },
  stopping: { unpublished: to('idle', 'release'), picked: to('stopping', 'discard'), lost, destroy },
  closed: { picked: to('closed', 'discard') },
};

/** The pure transition function: `(state, event) → { next, effects }`. */
export function transition(state: ScreenShareState, event: ScreenShareEvent): ScreenShareTransition {
  return SCREEN_SHARE_TRANSITIONS[state][event] ?? { next: state, effects: [] };
}

/** Where the share stands, as the call view shows it. */
export type ScreenSharePhase = 'idle' | 'starting' | 'sharing' | 'stopping';

/** The view's phase of a state: a stop waiting for the start still reads as starting, and closed as idle. */
export function phaseOf(state: ScreenShareState): ScreenSharePhase {
  switch (state) {
    case 'starting_then_stop':
      return 'starting';
    case 'closed':
      return 'idle';
    default:
      return state;
  }
}
