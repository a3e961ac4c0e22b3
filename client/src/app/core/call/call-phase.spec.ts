import { SignalingError } from '../signaling/signaling-error';
import { callStatus, type CallLinks } from './call-phase';

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
    expect(callStatus({ kind: 'failed', message: 'Room is full', inCall: true }, healthy)).toEqual({ kind: 'failed', message: 'Room is full' });
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
