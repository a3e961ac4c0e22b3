import { roomTransition, type RoomEffect, type RoomPhase, type RoomSignal } from './room-lifecycle';

const PHASES: readonly RoomPhase[] = ['opening', 'open', 'emptying', 'closed'];
const SIGNALS: readonly RoomSignal[] = ['opened', 'failed', 'occupied', 'emptied', 'graceElapsed', 'shutdown'];

/** The whole table, written out: a changed edge fails here by name. */
const EXPECTED: Record<RoomPhase, Record<RoomSignal, [RoomPhase, ...RoomEffect[]]>> = {
  opening: {
    opened: ['open'],
    failed: ['closed', 'forget'],
    occupied: ['opening'],
    emptied: ['opening'],
    graceElapsed: ['opening'],
    shutdown: ['closed', 'forget'],
  },
  open: {
    opened: ['open'],
    failed: ['open'],
    occupied: ['open'],
    emptied: ['emptying', 'startGrace'],
    graceElapsed: ['open'],
    shutdown: ['closed', 'forget', 'close'],
  },
  emptying: {
    opened: ['emptying'],
    failed: ['emptying'],
    occupied: ['open', 'cancelGrace'],
    emptied: ['emptying'],
    graceElapsed: ['closed', 'forget', 'close'],
    shutdown: ['closed', 'cancelGrace', 'forget', 'close'],
  },
  closed: {
    opened: ['closed'],
    failed: ['closed'],
    occupied: ['closed'],
    emptied: ['closed'],
    graceElapsed: ['closed'],
    shutdown: ['closed'],
  },
};

describe('room lifecycle', () => {
  for (const phase of PHASES) {
    for (const signal of SIGNALS) {
      const [next, ...effects] = EXPECTED[phase][signal];
      it(`goes from ${phase} on ${signal} to ${next}${effects.length > 0 ? ` (${effects.join(', ')})` : ''}`, () => {
        expect(roomTransition(phase, signal)).toEqual({ next, effects });
      });
    }
  }

  it('closes every room that empties, whichever phase it emptied from, once the grace ends', () => {
    for (const start of ['open', 'emptying'] as const) {
      const emptying = roomTransition(start, 'emptied').next;
      expect(roomTransition(emptying, 'graceElapsed')).toEqual({ next: 'closed', effects: ['forget', 'close'] });
    }
  });
});
