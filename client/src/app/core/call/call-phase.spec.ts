import { SignalingError } from '../signaling/signaling-error';
import { callStatus, showsCall, transition, type CallEvent, type CallLinks, type CallState, type CallTransition } from './call-phase';

describe('callStatus', () => {
  const healthy: CallLinks = { signaling: 'connected', signalingError: null, publisher: 'connected', subscriber: 'connected' };

  it('says nothing when the call is joined and every link is up', () => {
    expect(callStatus({ kind: 'joined' }, healthy)).toBeNull();
  });

  it('says connecting while joining, and reconnecting while rejoining', () => {
    expect(callStatus({ kind: 'joining' }, healthy)).toEqual({ kind: 'connecting' });
    expect(callStatus({ kind: 'rejoining' }, healthy)).toEqual({ kind: 'reconnecting' });
  });

  it('carries a failed phase’s message', () => {
    expect(callStatus({ kind: 'failed_in_call', message: 'Room is full' }, healthy)).toEqual({ kind: 'failed', message: 'Room is full' });
  });

  it('says reconnecting while the socket is, or a peer connection is disconnected', () => {
    expect(callStatus({ kind: 'joined' }, { ...healthy, signaling: 'reconnecting' })).toEqual({ kind: 'reconnecting' });
    expect(callStatus({ kind: 'joined' }, { ...healthy, subscriber: 'disconnected' })).toEqual({ kind: 'reconnecting' });
  });

  it('explains a socket that gave up, in words', () => {
    const status = callStatus({ kind: 'joined' }, { ...healthy, signaling: 'failed', signalingError: new SignalingError('disconnected', '') });
    expect(status?.kind).toBe('failed');
    expect(status?.kind === 'failed' && status.message.length).toBeGreaterThan(0);
  });

  it('fails when a peer connection failed, and says connecting until the publisher connects', () => {
    expect(callStatus({ kind: 'joined' }, { ...healthy, publisher: 'failed' })).toEqual({
      kind: 'failed',
      message: 'The audio and video connection failed.',
    });
    expect(callStatus({ kind: 'joined' }, { ...healthy, publisher: 'connecting' })).toEqual({ kind: 'connecting' });
  });

  it('has no status line outside a call', () => {
    for (const kind of ['idle', 'waiting', 'left'] as const) expect(callStatus({ kind }, healthy)).toBeNull();
  });
});

const STATES: readonly CallState[] = ['idle', 'joining', 'rejoining', 'joined', 'waiting', 'failed', 'failed_in_call', 'leaving', 'left', 'ended'];
const EVENTS: readonly CallEvent[] = [
  'join',
  'retry',
  'entered',
  'knocked',
  'failed',
  'admitted',
  'denied',
  'cancel',
  'socket_back',
  'media_failed',
  'sfu_restarted',
  'token_gone',
  'leave',
  'gone',
  'ended',
];

/**
 * The expected table, written out independently of the implementation: one
 * line per edge that changes something, `state event → next+effects`. Every
 * state × event not listed must keep the state and do nothing.
 */
const EXPECTED = `
idle join → joining+new_attempt+connect
joining entered → joined+publish
joining knocked → waiting
joining failed → failed
joining media_failed → rejoining+new_attempt+drop_connection+resume
joining retry → joining+new_attempt+drop_connection+connect
joining leave → leaving+new_attempt+say_goodbye
joining ended → ended+release
rejoining entered → joined+publish
rejoining knocked → waiting
rejoining failed → failed_in_call
rejoining retry → rejoining+new_attempt+drop_connection+connect
rejoining socket_back → rejoining+new_attempt+drop_media+resume
rejoining token_gone → rejoining+drop_connection+connect
rejoining leave → leaving+new_attempt+say_goodbye
rejoining ended → ended+release
joined failed → failed_in_call
joined retry → rejoining+new_attempt+drop_connection+connect
joined socket_back → rejoining+new_attempt+drop_media+resume
joined media_failed → rejoining+new_attempt+drop_connection+resume
joined sfu_restarted → joined+drop_media+publish
joined leave → leaving+new_attempt+say_goodbye
joined ended → ended+release
waiting failed → failed
waiting entered → joined+publish
waiting admitted → joining+new_attempt+connect
waiting denied → failed+new_attempt+drop_connection
waiting cancel → idle+new_attempt+drop_connection
waiting socket_back → waiting+new_attempt+connect
waiting ended → ended+release
failed join → joining+new_attempt+connect
failed retry → joining+new_attempt+drop_connection+connect
failed_in_call retry → rejoining+new_attempt+drop_connection+connect
failed_in_call socket_back → rejoining+new_attempt+drop_media+resume
failed_in_call leave → leaving+new_attempt+say_goodbye
failed_in_call ended → ended+release
leaving gone → left+release
leaving ended → ended+release
`;

function expected(state: CallState, event: CallEvent): string {
  const line = EXPECTED.split('\n').find((l) => l.startsWith(`${state} ${event} → `));
  return line ? line.slice(line.indexOf('→') + 2) : '-';
}

function render(from: CallState, t: CallTransition): string {
  if (t.next === from && t.effects.length === 0) return '-';
  return [t.next, ...t.effects].join('+');
}

describe('call phase transitions', () => {
  for (const state of STATES) {
    for (const event of EVENTS) {
      it(`from ${state} on ${event} goes to ${expected(state, event)}`, () => {
        expect(render(state, transition(state, event))).toBe(expected(state, event));
      });
    }
  }

  it('shows the call view once joined and through a rejoin, the lobby while joining, knocking or after a refused join', () => {
    expect(STATES.filter(showsCall)).toEqual(['rejoining', 'joined', 'failed_in_call', 'leaving']);
  });

  it('lists only real states and events (no typo hides an edge)', () => {
    for (const line of EXPECTED.trim().split('\n')) {
      const [state, event] = line.split(' ');
      expect(STATES).toContain(state as CallState);
      expect(EVENTS).toContain(event as CallEvent);
    }
  });
});
