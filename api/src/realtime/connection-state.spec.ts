import { connectionTransition, type ConnectionEffect, type ConnectionPhase, type ConnectionSignal } from './connection-state';

const PHASES: readonly ConnectionPhase[] = ['idle', 'joining', 'in-room', 'leaving', 'closed'];
const SIGNALS: readonly ConnectionSignal[] = ['join', 'joined', 'failed', 'leave', 'left', 'close'];

/** The whole table, written out: a changed edge fails here by name. */
const EXPECTED: Record<ConnectionPhase, Record<ConnectionSignal, [ConnectionPhase, ...ConnectionEffect[]]>> = {
  idle: {
    join: ['joining', 'withdrawKnock'],
    joined: ['idle'],
    failed: ['idle'],
    leave: ['idle', 'refuseNotJoined'],
    left: ['idle'],
    close: ['closed', 'withdrawKnock'],
  },
  joining: {
    join: ['joining', 'refuseBusy'],
    joined: ['in-room', 'startTimers'],
    failed: ['idle'],
    leave: ['joining', 'refuseBusy'],
    left: ['joining'],
    close: ['closed', 'withdrawKnock'],
  },
  'in-room': {
    join: ['in-room', 'refuseJoined'],
    joined: ['in-room'],
    failed: ['in-room'],
    leave: ['leaving', 'stopTimers'],
    left: ['in-room'],
    close: ['closed', 'stopTimers', 'release'],
  },
  leaving: {
    join: ['leaving', 'refuseBusy'],
    joined: ['leaving'],
    failed: ['leaving'],
    leave: ['leaving', 'refuseBusy'],
    left: ['idle'],
    close: ['closed'],
  },
  closed: {
    join: ['closed', 'refuseNotJoined'],
    joined: ['closed', 'undoJoin'],
    failed: ['closed'],
    leave: ['closed', 'refuseNotJoined'],
    left: ['closed'],
    close: ['closed'],
  },
};

describe('gateway connection lifecycle', () => {
  for (const phase of PHASES) {
    for (const signal of SIGNALS) {
      const [next, ...effects] = EXPECTED[phase][signal];
      it(`goes from ${phase} on ${signal} to ${next}${effects.length > 0 ? ` (${effects.join(', ')})` : ''}`, () => {
        expect(connectionTransition(phase, signal)).toEqual({ next, effects });
      });
    }
  }

  it('refuses every second join while the first is in flight, however many arrive', () => {
    let phase = connectionTransition('idle', 'join').next;
    for (let i = 0; i < 3; i++) {
      const step = connectionTransition(phase, 'join');
      expect(step.effects).toEqual(['refuseBusy']);
      phase = step.next;
    }
    expect(phase).toBe('joining');
  });
});
