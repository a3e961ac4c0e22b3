import type { SessionEndReason } from '@parley/protocol';
import type { ConnectionState } from '../signaling/connection-state';
import { SignalingError, describeError } from '../signaling/signaling-error';

/** Where the meeting is, from the person's point of view. */
export type CallPhase =
  | { readonly kind: 'idle' }
  /** Joining from the lobby. */
  | { readonly kind: 'joining' }
  /** Joining again from inside the call (after a lost connection); the call view stays up. */
  | { readonly kind: 'rejoining' }
  | { readonly kind: 'joined' }
  /** Knocked on a room with a lobby: waiting for a host's `lobby.decision` (on the same socket). */
  | { readonly kind: 'waiting' }
  /** Something failed; `inCall` says whether the call view (rather than the lobby) shows it. */
  | { readonly kind: 'failed'; readonly message: string; readonly inCall: boolean }
  | { readonly kind: 'left' }
  | { readonly kind: 'ended'; readonly reason: SessionEndReason };

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
