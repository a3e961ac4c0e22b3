/**
 * The signaling connection's lifecycle as an explicit state machine: one
 * enum and a pure transition table, so every edge is visible and tested
 * (instead of `connected`/`connecting`/`failed` booleans drifting apart).
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed' | 'closed';

/**
 * What happens to the connection:
 * - `open` — the app asks to connect;
 * - `connected` — Socket.IO's `connect`;
 * - `retrying` — a connect attempt failed and Socket.IO will try again;
 * - `refused` — the gateway refused the handshake (wrong protocol version, ...); no retry;
 * - `lost` — the transport dropped; Socket.IO reconnects by itself;
 * - `kicked` — the gateway closed the socket; Socket.IO does not reconnect;
 * - `gave_up` — Socket.IO's reconnection attempts are exhausted;
 * - `close` — the app closes the connection.
 */
export type ConnectionEvent = 'open' | 'connected' | 'retrying' | 'refused' | 'lost' | 'kicked' | 'gave_up' | 'close';

/**
 * Side effects a transition asks for:
 * - `resume` — the socket is back after a loss: the session must be resumed;
 * - `dispose` — Socket.IO will not retry by itself: drop the socket.
 */
export type ConnectionEffect = 'resume' | 'dispose';

export interface Transition {
  readonly next: ConnectionState;
  readonly effects: readonly ConnectionEffect[];
}

type Table = { readonly [S in ConnectionState]: Partial<Record<ConnectionEvent, Transition>> };

const to = (next: ConnectionState, ...effects: ConnectionEffect[]): Transition => ({ next, effects });

/**
 * Every edge that changes something. Anything absent keeps the state and
 * does nothing: for example `retrying` while (re)connecting, where Socket.IO
 * simply carries on.
 */
export const CONNECTION_TRANSITIONS: Table = {
  idle: { open: to('connecting'), close: to('closed') },
  connecting: {
    connected: to('connected'),
    refused: to('failed', 'dispose'),
    gave_up: to('failed', 'dispose'),
    close: to('closed', 'dispose'),
  },
  connected: {
    lost: to('reconnecting'),
    kicked: to('failed', 'dispose'),
    close: to('closed', 'dispose'),
  },
  reconnecting: {
    connected: to('connected', 'resume'),
    refused: to('failed', 'dispose'),
    gave_up: to('failed', 'dispose'),
    close: to('closed', 'dispose'),
  },
  failed: { open: to('connecting'), close: to('closed') },
  closed: { open: to('connecting') },
};

/** The pure transition function: `(state, event) → { next, effects }`. */
export function transition(state: ConnectionState, event: ConnectionEvent): Transition {
  return CONNECTION_TRANSITIONS[state][event] ?? { next: state, effects: [] };
}
