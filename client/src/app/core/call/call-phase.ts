import type { SessionEndReason } from '@parley/protocol';
import type { ConnectionState } from '../signaling/connection-state';
import { SignalingError, describeError } from '../signaling/signaling-error';

/**
 * Where the meeting is, from the person's point of view, as an explicit
 * state machine: one state name and a pure transition table (like the
 * signaling connection's), so every edge is visible and tested.
 * - `joining` — from the lobby's "Join" until the join is taken and the first
 *   subscriber offer answered (the call view's first render waits, so it
 *   never holds up that answer);
 * - `rejoining` — again from inside the call (after a lost connection);
 * - `waiting` — knocked on a room with a lobby, for a host's `lobby.decision` (same socket);
 * - `failed` — in the lobby, saying why; `failed_in_call` — the call view says it;
 * - `leaving` — "Leave call" pressed: the gateway is told, briefly, before `left`.
 */
export type CallState =
  | 'idle'
  | 'joining'
  | 'rejoining'
  | 'joined'
  | 'waiting'
  | 'failed'
  | 'failed_in_call'
  | 'leaving'
  | 'left'
  | 'ended';

/**
 * What happens to the call:
 * - `join` — the lobby's "Join"; `retry` — "Try again" (a fresh connection, devices kept);
 * - `entered` — the gateway accepted the join (or the resume) and the first offer is answered;
 * - `knocked` — the gateway answered `lobby.waiting`;
 * - `failed` — a join was refused, or publishing failed;
 * - `admitted` / `denied` — a host's answer to the knock; `cancel` — the person stops waiting;
 * - `socket_back` — the socket came back after a loss (the gateway dropped the session);
 * - `media_failed` — a peer connection failed mid-call, or the gateway refused an answer;
 * - `sfu_restarted` — the gateway rebuilt the room on a new SFU;
 * - `token_gone` — a resume was refused (expired token, ended meeting): join as someone new;
 * - `leave` — "Leave call"; `gone` — the gateway took the leave (or did not answer in time);
 * - `ended` — the gateway ended the session (removed, meeting ended, ...).
 */
export type CallEvent =
  | 'join'
  | 'retry'
  | 'entered'
  | 'knocked'
  | 'failed'
  | 'admitted'
  | 'denied'
  | 'cancel'
  | 'socket_back'
  | 'media_failed'
  | 'sfu_restarted'
  | 'token_gone'
  | 'leave'
  | 'gone'
  | 'ended';

/**
 * Side effects a transition asks for, run in this order:
 * - `new_attempt` — results of every step started before are ignored from now on;
 * - `drop_connection` — close both peer connections and the socket, forget the session;
 * - `drop_media` — close both peer connections (the socket stays);
 * - `connect` — `room.join` with the person's credentials; `resume` — with the session's token;
 * - `publish` — publish the devices (and a shared screen) on a new connection;
 * - `say_goodbye` — send `room.leave`, then `gone` once answered or after a grace period;
 * - `release` — close everything, devices included.
 */
export type CallEffect =
  | 'new_attempt'
  | 'drop_connection'
  | 'drop_media'
  | 'connect'
  | 'resume'
  | 'publish'
  | 'say_goodbye'
  | 'release';

export interface CallTransition {
  readonly next: CallState;
  readonly effects: readonly CallEffect[];
}

type Table = { readonly [S in CallState]: Partial<Record<CallEvent, CallTransition>> };

const to = (next: CallState, ...effects: CallEffect[]): CallTransition => ({ next, effects });

const restart = to('rejoining', 'new_attempt', 'drop_connection', 'connect');
const resume = to('rejoining', 'new_attempt', 'drop_media', 'resume');
const leave = to('leaving', 'new_attempt', 'say_goodbye');
const ended = to('ended', 'release');

/** Every edge that changes something; anything absent keeps the state and does nothing. */
export const CALL_TRANSITIONS: Table = {
  idle: { join: to('joining', 'new_attempt', 'connect') },
  joining: {
    entered: to('joined', 'publish'),
    knocked: to('waiting'),
    failed: to('failed'),
    media_failed: to('rejoining', 'new_attempt', 'drop_connection', 'resume'),
    retry: to('joining', 'new_attempt', 'drop_connection', 'connect'),
    leave,
    ended,
  },
  rejoining: {
    entered: to('joined', 'publish'),
    knocked: to('waiting'),
    failed: to('failed_in_call'),
    retry: restart,
    socket_back: resume,
    token_gone: to('rejoining', 'drop_connection', 'connect'),
    leave,
    ended,
  },
  joined: {
    failed: to('failed_in_call'),
    retry: restart,
    socket_back: resume,
    media_failed: to('rejoining', 'new_attempt', 'drop_connection', 'resume'),
    sfu_restarted: to('joined', 'drop_media', 'publish'),
    leave,
    ended,
  },
  waiting: {
    failed: to('failed'),
    entered: to('joined', 'publish'),
    admitted: to('joining', 'new_attempt', 'connect'),
    denied: to('failed', 'new_attempt', 'drop_connection'),
    cancel: to('idle', 'new_attempt', 'drop_connection'),
    socket_back: to('waiting', 'new_attempt', 'connect'),
    ended,
  },
  failed: {
    join: to('joining', 'new_attempt', 'connect'),
    retry: to('joining', 'new_attempt', 'drop_connection', 'connect'),
  },
  failed_in_call: { retry: restart, socket_back: resume, leave, ended },
  leaving: { gone: to('left', 'release'), ended },
  left: {},
  ended: {},
};

/** The pure transition function: `(state, event) → { next, effects }`. */
export function transition(state: CallState, event: CallEvent): CallTransition {
  return CALL_TRANSITIONS[state][event] ?? { next: state, effects: [] };
}

/** States in which the call view (rather than the lobby) shows. */
export function showsCall(state: CallState): boolean {
  return state === 'rejoining' || state === 'joined' || state === 'failed_in_call' || state === 'leaving';
}

/** The state and what the views say of it: why it failed, why it ended. */
export type CallPhase =
  | { readonly kind: Exclude<CallState, 'failed' | 'failed_in_call' | 'ended'> }
  | { readonly kind: 'failed' | 'failed_in_call'; readonly message: string }
  | { readonly kind: 'ended'; readonly reason: SessionEndReason };

/** What an event carries for the phase it leads to: why it failed, why it ended. */
export interface EventDetail {
  readonly error?: unknown;
  readonly reason?: SessionEndReason;
}

/** The phase a state is shown as, with why it failed or ended. */
export function phaseFor(state: CallState, detail: EventDetail): CallPhase {
  switch (state) {
    case 'failed':
    case 'failed_in_call':
      return { kind: state, message: describeError(detail.error) };
    case 'ended':
      return { kind: 'ended', reason: detail.reason ?? 'removed' };
    default:
      return { kind: state };
  }
}

/** The call's status line: nothing when all is well. */
export type CallStatus =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'reconnecting' }
  | { readonly kind: 'failed'; readonly message: string };

/** What the status line reads besides the phase. */
export interface CallLinks {
  readonly signaling: ConnectionState;
  /** Why the last connect attempt failed, if it did. */
  readonly signalingError: SignalingError | null;
  /** The peer connections' states; undefined for one that does not exist. */
  readonly publisher: RTCPeerConnectionState | undefined;
  readonly subscriber: RTCPeerConnectionState | undefined;
}

/** The call's status line for a phase and the state of its links: null when all is well. */
export function callStatus(phase: CallPhase, links: CallLinks): CallStatus | null {
  switch (phase.kind) {
    case 'failed':
    case 'failed_in_call':
      return { kind: 'failed', message: phase.message };
    case 'joining':
      return { kind: 'connecting' };
    case 'rejoining':
      return { kind: 'reconnecting' };
    case 'joined':
      return mediaStatus(links);
    default:
      return null;
  }
}

function mediaStatus(links: CallLinks): CallStatus | null {
  if (links.signaling === 'reconnecting') return { kind: 'reconnecting' };
  if (links.signaling === 'failed' || links.signaling === 'closed') {
    return { kind: 'failed', message: describeError(links.signalingError ?? new SignalingError('disconnected', '')) };
  }
  const states = [links.publisher, links.subscriber];
  if (states.includes('failed')) return { kind: 'failed', message: 'The audio and video connection failed.' };
  if (states.includes('disconnected')) return { kind: 'reconnecting' };
  if (links.publisher === 'new' || links.publisher === 'connecting') return { kind: 'connecting' };
  return null;
}
